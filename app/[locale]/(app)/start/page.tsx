import { redirect } from "next/navigation";
import { getActor } from "@/server/auth/session";
import { can } from "@/server/auth/permissions";

/**
 * Where signing in leads when nothing asked for a page: staff to their inbox, everyone else to the home page
 * (the sign-in form and single sign-on send the browser here instead of "/").
 */
export default async function StartPage(): Promise<never> {
  redirect(can(await getActor(), "inbox.view") ? "/inbox" : "/");
}
