import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import type { ComponentStatus } from "../db/schema";
import { assertCan } from "./access";

export interface ComponentRow {
  id: number;
  groupId: number | null;
  slug: string;
  nameEn: string;
  nameRu: string;
  descriptionEn: string;
  descriptionRu: string;
  status: ComponentStatus;
  position: number;
}

/** Groups and components in display order, for staff forms (incident.manage is enough to pick components). */
export async function findComponentsForStaff(db: DB, ctx: RequestCtx) {
  assertCan(ctx, "incident.manage");
  const [groups, components] = await Promise.all([
    db.selectFrom("status_groups").selectAll().orderBy("position").orderBy("id").execute(),
    db.selectFrom("status_components").selectAll().orderBy("position").orderBy("id").execute(),
  ]);
  return {
    groups: groups.map((g) => ({ id: g.id, nameEn: g.name_en, nameRu: g.name_ru, position: g.position })),
    components: components.map((c): ComponentRow => ({
      id: c.id,
      groupId: c.group_id,
      slug: c.slug,
      nameEn: c.name_en,
      nameRu: c.name_ru,
      descriptionEn: c.description_en,
      descriptionRu: c.description_ru,
      status: c.status,
      position: c.position,
    })),
  };
}
