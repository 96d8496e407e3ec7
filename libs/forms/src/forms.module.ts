import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AgenciesModule } from '@app/agencies';
import { DossiersModule } from '@app/dossiers';
import { ReportsModule } from '@app/reports';
import { FormsService } from './forms.service';
import { FORMS_QUEUE } from './issued-forms';
import { IssuedFormsQueue } from './issued-forms.queue';
import { RegisterService } from './register.service';

/** The printable forms of a dossier (Circular 03/2025), rendered to PDF on the server, and the register (Mẫu 07). */
@Module({
  imports: [DossiersModule, AgenciesModule, ReportsModule, BullModule.registerQueue({ name: FORMS_QUEUE })],
  providers: [FormsService, IssuedFormsQueue, RegisterService],
  exports: [FormsService, IssuedFormsQueue, RegisterService, BullModule],
})
export class FormsModule {}
