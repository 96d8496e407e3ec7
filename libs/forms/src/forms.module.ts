import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DossiersModule } from '@app/dossiers';
import { FormsService } from './forms.service';
import { FORMS_QUEUE } from './issued-forms';
import { IssuedFormsQueue } from './issued-forms.queue';

/** The printable forms of a dossier (Circular 03/2025), rendered to PDF on the server. */
@Module({
  imports: [DossiersModule, BullModule.registerQueue({ name: FORMS_QUEUE })],
  providers: [FormsService, IssuedFormsQueue],
  exports: [FormsService, IssuedFormsQueue, BullModule],
})
export class FormsModule {}
