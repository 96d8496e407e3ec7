import { Agency, CalendarDay, DeadlineRecompute } from '@app/agencies';
import { AuditEntry } from '@app/audit';
import { User } from '@app/auth';
import { ProcedureVersion } from '@app/procedures';
import { Dossier } from './dossier.entity';
import { DossierCodeSequence } from './dossier-code-sequence.entity';
import { DossierEvent } from './dossier-event.entity';
import { DossierAgency } from './dossier-agency.entity';
import { DossierFile } from './dossier-file.entity';

/** Every entity of the product, for tools that build a DataSource outside Nest (migrations, the consistency checker). */
export const ENTITIES = [Agency, CalendarDay, DeadlineRecompute, ProcedureVersion, User, Dossier, DossierCodeSequence, DossierEvent, DossierAgency, DossierFile, AuditEntry];
