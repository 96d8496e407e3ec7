import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { ProcedureVersion } from './procedure-version.entity';
import { ProcedurePublishingService } from './procedure-publishing.service';
import { ProceduresService } from './procedures.service';

@Module({
  imports: [AuditModule, TypeOrmModule.forFeature([ProcedureVersion])],
  providers: [ProceduresService, ProcedurePublishingService],
  exports: [ProceduresService, ProcedurePublishingService],
})
export class ProceduresModule {}
