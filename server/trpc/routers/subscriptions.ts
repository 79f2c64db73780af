import { router } from "../init";

export const subscriptionsRouter = router({});
