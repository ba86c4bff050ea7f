// Every migration, in order. `npm run migration:generate -- Name` appends new ones here.
import { DraftTokenHash1796408265039 } from './1796408265039-DraftTokenHash.js';
import { BoardIndexes1795780000000 } from './1795780000000-BoardIndexes.js';
import { Deadlines1795782209093 } from './1795782209093-Deadlines.js';
import { SearchIndexes1795782092333 } from './1795782092333-SearchIndexes.js';
import { AuditLog1795777003325 } from './1795777003325-AuditLog.js';
import { DealCancelledDraft1795776160817 } from './1795776160817-DealCancelledDraft.js';
import { ReportIndexes1795768212000 } from './1795768212000-ReportIndexes.js';
import { ListIndexes1795767773888 } from './1795767773888-ListIndexes.js';
import { Reports1795763859066 } from './1795763859066-Reports.js';
import { Deals1795756231359 } from './1795756231359-Deals.js';
import { PipelineEditsGuard1795755388581 } from './1795755388581-PipelineEditsGuard.js';
import { ClientsAndStatuses1795753687537 } from './1795753687537-ClientsAndStatuses.js';
import { LeadDepartmentAndDraftToken1795750190015 } from './1795750190015-LeadDepartmentAndDraftToken.js';
import { LoginAttemptLocked1795745454459 } from './1795745454459-LoginAttemptLocked.js';
import { Notifications1795744369749 } from './1795744369749-Notifications.js';
import { Leads1795744148066 } from './1795744148066-Leads.js';
import { Init1795740821472 } from './1795740821472-Init.js';
export const migrations: Function[] = [Init1795740821472, Leads1795744148066, Notifications1795744369749, LoginAttemptLocked1795745454459, LeadDepartmentAndDraftToken1795750190015, ClientsAndStatuses1795753687537, PipelineEditsGuard1795755388581, Deals1795756231359, Reports1795763859066, ListIndexes1795767773888, ReportIndexes1795768212000, DealCancelledDraft1795776160817, AuditLog1795777003325, BoardIndexes1795780000000, SearchIndexes1795782092333, Deadlines1795782209093, DraftTokenHash1796408265039];
