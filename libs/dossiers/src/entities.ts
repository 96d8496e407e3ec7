import { ProcedureVersion } from '@app/procedures';
import { Agency } from './agency.entity';
import { CalendarDay } from './calendar-day.entity';
import { Dossier } from './dossier.entity';
import { DossierCodeSequence } from './dossier-code-sequence.entity';
import { DossierEvent } from './dossier-event.entity';

/** Every entity of the product, for tools that build a DataSource outside Nest (migrations). */
export const ENTITIES = [Agency, CalendarDay, ProcedureVersion, Dossier, DossierCodeSequence, DossierEvent];
