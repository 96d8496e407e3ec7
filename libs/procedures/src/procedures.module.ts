import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProcedureVersion } from './procedure-version.entity';
import { ProceduresService } from './procedures.service';

@Module({
  imports: [TypeOrmModule.forFeature([ProcedureVersion])],
  providers: [ProceduresService],
  exports: [ProceduresService],
})
export class ProceduresModule {}
