import { router } from "../init";

export const monitorsRouter = router({});
