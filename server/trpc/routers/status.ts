import { router } from "../init";
import { statusComponentsRouter } from "./status-components";
import { statusIncidentsRouter } from "./status-incidents";
import { statusMaintenanceRouter } from "./status-maintenance";

/** Staff side of the status page: components and groups, incidents, maintenance. */
export const statusRouter = router({
  components: statusComponentsRouter,
  incidents: statusIncidentsRouter,
  maintenance: statusMaintenanceRouter,
});
