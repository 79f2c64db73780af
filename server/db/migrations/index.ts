import type { Migration } from "kysely";
import * as m0001 from "./2026_11_27_0001_foundation";
import * as m0002 from "./2026_11_27_0002_knowledge_base";
import * as m0003 from "./2026_11_27_0003_ticket_open_flag";
import * as m0004 from "./2026_11_27_0004_status_and_monitoring";
import * as m0005 from "./2026_11_28_0005_article_body_text";
import * as m0006 from "./2026_12_03_0006_rate_limits";
import * as m0007 from "./2026_12_03_0007_webhook_verification";
import * as m0008 from "./2026_12_03_0008_privacy_and_retention";
import * as m0009 from "./2026_12_03_0009_password_reset_and_sign_up";
import * as m0010 from "./2026_12_03_0010_sessions_and_email_change";
import * as m0011 from "./2026_12_03_0011_two_factor";
import * as m0015 from "./2026_12_03_0015_page_cache";
import * as m0014 from "./2026_12_03_0014_search_synonyms";
import * as m0013 from "./2026_12_03_0013_ticket_work";
import * as m0012 from "./2026_12_03_0012_inbox";
import * as m0016 from "./2026_12_03_0016_desk_flow";
import * as m0017 from "./2026_12_03_0017_sla";
import * as m0018 from "./2026_12_03_0018_ticket_life";
import * as m0019 from "./2026_12_03_0019_inbox_scale";
import * as m0020 from "./2026_12_03_0020_sla_scale";

/** Every migration, by name. Names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  "2026_11_27_0001_foundation": m0001,
  "2026_11_27_0002_knowledge_base": m0002,
  "2026_11_27_0003_ticket_open_flag": m0003,
  "2026_11_27_0004_status_and_monitoring": m0004,
  "2026_11_28_0005_article_body_text": m0005,
  "2026_12_03_0006_rate_limits": m0006,
  "2026_12_03_0007_webhook_verification": m0007,
  "2026_12_03_0008_privacy_and_retention": m0008,
  "2026_12_03_0009_password_reset_and_sign_up": m0009,
  "2026_12_03_0010_sessions_and_email_change": m0010,
  "2026_12_03_0011_two_factor": m0011,
  "2026_12_03_0012_inbox": m0012,
  "2026_12_03_0013_ticket_work": m0013,
  "2026_12_03_0014_search_synonyms": m0014,
  "2026_12_03_0015_page_cache": m0015,
  "2026_12_03_0016_desk_flow": m0016,
  "2026_12_03_0017_sla": m0017,
  "2026_12_03_0018_ticket_life": m0018,
  "2026_12_03_0019_inbox_scale": m0019,
  "2026_12_03_0020_sla_scale": m0020,
};
