import { router } from "../init";

export const statusRouter = router({});
