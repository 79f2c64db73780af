import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/i18n";
import { titled } from "@/lib/i18n/metadata";
import { Badge, Card, Empty, PageHeader } from "@/components/ui";
import { COMPONENT_BADGE } from "../../incidents/badges";
import { ComponentForm, GroupForm } from "./setup-forms";
import { CancelMaintenanceButton, ComponentActions, DeleteComponentButton, DeleteGroupButton, GroupActions } from "./row-actions";
import { MaintenanceForm } from "./maintenance-form";
import { EditDisclosure } from "./edit-disclosure";

export const generateMetadata = titled("incidents.admin.title");

export default async function StatusSetupPage() {
  await requireActor("status.manage");
  const { t, locale } = await getT();
  const api = await serverApi();
  const [{ groups, components }, maintenance] = await Promise.all([api.status.components.list(), api.status.maintenance.list()]);
  const name = (x: { nameEn: string; nameRu: string }) => (locale === "ru" ? x.nameRu : x.nameEn);
  const order = components.map((c) => c.id);
  const groupOrder = groups.map((g) => g.id);
  const groupChoices = groups.map((g) => ({ id: g.id, name: name(g) }));
  const componentChoices = components.map((c) => ({ id: c.id, name: name(c) }));
  const sections = [
    ...groups.map((g) => ({ key: `g${g.id}`, group: g, title: name(g) })),
    { key: "none", group: null, title: t("incidents.admin.noGroup") },
  ];
  const componentNames = new Map(components.map((c) => [c.id, name(c)]));
  const span = (m: { startsAt: number; endsAt: number }) =>
    t("incidents.maint.window", { start: formatDateTime(locale, m.startsAt), end: formatDateTime(locale, m.endsAt) });

  return (
    <>
      <PageHeader title={t("incidents.admin.title")} lead={t("incidents.admin.lead")} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <h2 className="mb-3 text-lg font-semibold">{t("incidents.admin.components")}</h2>
            {components.length === 0 && <Empty>{t("incidents.admin.noComponents")}</Empty>}
            {sections.map(({ key, group, title }) => {
              const members = components.filter((c) => c.groupId === (group?.id ?? null));
              if (!group && members.length === 0) return null;
              return (
                <section key={key} className="mb-5">
                  {group ? (
                    <EditDisclosure
                      name={title}
                      heading={t("statusAdmin.editGroup", { name: title })}
                      rowClassName="mb-2 border-b border-slate-200 pb-1"
                      summary={<h3 className="font-semibold">{title}</h3>}
                      actions={<GroupActions name={title} order={groupOrder} index={groupOrder.indexOf(group.id)} />}
                      danger={<DeleteGroupButton id={group.id} name={title} />}
                    >
                      <GroupForm group={group} />
                    </EditDisclosure>
                  ) : (
                    <h3 className="mb-2 border-b border-slate-200 pb-1 font-semibold">{title}</h3>
                  )}
                  <ul className="space-y-3">
                    {members.map((c) => (
                      <li key={c.id} data-testid="component-row">
                        <EditDisclosure
                          name={name(c)}
                          heading={t("statusAdmin.editComponent", { name: name(c) })}
                          summary={
                            <div>
                              <span className="font-medium">{name(c)}</span> <span className="text-xs text-slate-600">/{c.slug}</span>{" "}
                              <Badge kind={COMPONENT_BADGE[c.status]}>{t(`incidents.component.${c.status}`)}</Badge>
                            </div>
                          }
                          actions={
                            <ComponentActions id={c.id} name={name(c)} status={c.status} order={order} index={order.indexOf(c.id)} />
                          }
                          danger={<DeleteComponentButton id={c.id} name={name(c)} />}
                        >
                          <ComponentForm groups={groupChoices} component={c} />
                        </EditDisclosure>
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </Card>
          <Card>
            <h2 className="mb-3 text-lg font-semibold">{t("incidents.maint.heading")}</h2>
            {maintenance.current.length === 0 ? (
              <Empty>{t("incidents.maint.none")}</Empty>
            ) : (
              <ul className="space-y-4">
                {maintenance.current.map((m) => (
                  <li key={m.id} data-testid="maintenance-row">
                    <EditDisclosure
                      name={m.title}
                      heading={t("statusAdmin.editMaintenance", { title: m.title })}
                      level={3}
                      summary={
                        <div>
                          <p className="font-medium">
                            {m.title}{" "}
                            <Badge kind={m.status === "in_progress" ? "pending" : "new"}>{t(`incidents.maint.status.${m.status}`)}</Badge>
                          </p>
                          <p className="text-sm text-slate-700">{span(m)}</p>
                          <p className="text-xs text-slate-600">
                            {m.componentIds
                              .map((id) => componentNames.get(id))
                              .filter(Boolean)
                              .join(", ")}
                          </p>
                        </div>
                      }
                      danger={<CancelMaintenanceButton id={m.id} title={m.title} running={m.status === "in_progress"} />}
                    >
                      <MaintenanceForm components={componentChoices} maintenance={m} />
                    </EditDisclosure>
                  </li>
                ))}
              </ul>
            )}
            {maintenance.past.length > 0 && (
              <>
                <h3 className="mb-2 mt-5 font-semibold">{t("incidents.maint.past")}</h3>
                <ul className="space-y-1 text-sm">
                  {maintenance.past.map((m) => (
                    <li key={m.id}>
                      {m.title} · {span(m)} · {t(`incidents.maint.status.${m.status}`)}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Card>
        </div>
        <div className="space-y-6">
          <Card>
            <h2 className="mb-3 text-lg font-semibold">{t("incidents.maint.schedule")}</h2>
            <MaintenanceForm components={componentChoices} />
          </Card>
          <Card>
            <h2 className="mb-3 text-lg font-semibold">{t("incidents.admin.newComponent")}</h2>
            <ComponentForm groups={groupChoices} />
          </Card>
          <Card>
            <h2 className="mb-3 text-lg font-semibold">{t("incidents.admin.newGroup")}</h2>
            <GroupForm />
          </Card>
        </div>
      </div>
    </>
  );
}
