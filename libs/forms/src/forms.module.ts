import { Module } from '@nestjs/common';
import { DossiersModule } from '@app/dossiers';
import { FormsService } from './forms.service';

/** The printable forms of a dossier (Circular 03/2025), rendered to PDF on the server. */
@Module({
  imports: [DossiersModule],
  providers: [FormsService],
  exports: [FormsService],
})
export class FormsModule {}
