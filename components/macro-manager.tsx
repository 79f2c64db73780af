"use client";
import { useState } from "react";
import { TagInput } from "./tag-suggestions";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useT } from "@/lib/i18n/client";
import type { MacroActions, MacroView } from "@/server/macros/macros";
import { TICKET_PRIORITIES, TICKET_STATUSES } from "@/lib/tickets";
import { Field, FormError, fieldErrorsOf, formErrorOf, inputClass } from "./form";
import { buttonClass, Card, secondaryButtonClass } from "./ui";
import { summarizeActions } from "./macro-picker";

const PLACEHOLDER_LIST =
  "{{requester.firstName}}, {{requester.name}}, {{requester.email}}, {{ticket.id}}, {{ticket.subject}}, {{agent.firstName}}, {{agent.name}}";

interface Draft {
  id?: number;
  name: string;
  body: string;
  status: string;
  priority: string;
  assignee: string;
  tags: string;
  shared: boolean;
}

const EMPTY: Draft = { name: "", body: "", status: "", priority: "", assignee: "", tags: "", shared: false };

function toDraft(m: MacroView): Draft {
  return {
    id: m.id,
    name: m.name,
    body: m.body,
    status: m.actions.status ?? "",
    priority: m.actions.priority ?? "",
    assignee: m.actions.assignee === undefined ? "" : String(m.actions.assignee),
    tags: (m.actions.tags ?? []).join(", "),
    shared: m.shared,
  };
}

function toActions(d: Draft): MacroActions {
  const tags = d.tags
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    ...(d.status ? { status: d.status as MacroActions["status"] } : {}),
    ...(d.priority ? { priority: d.priority as MacroActions["priority"] } : {}),
    ...(d.assignee ? { assignee: d.assignee === "me" || d.assignee === "none" ? d.assignee : Number(d.assignee) } : {}),
    ...(tags.length ? { tags } : {}),
  };
}

/** The list of macros and the form that writes one. */
export function MacroManager({
  macros,
  canShare,
  staff,
}: {
  macros: MacroView[];
  canShare: boolean;
  staff: { id: number; name: string }[];
}) {
  const { t } = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [done, setDone] = useState<string | null>(null);
  const save = useMutation(trpc.macros.save.mutationOptions());
  const remove = useMutation(trpc.macros.delete.mutationOptions());
  const errors = fieldErrorsOf(save.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    save.mutate(
      { id: draft.id, name: draft.name, body: draft.body, actions: toActions(draft), shared: draft.shared },
      {
        onSuccess: () => {
          setDraft(EMPTY);
          setDone(t("macros.saved"));
          router.refresh();
        },
      },
    );
  }

  const groups = [
    { title: t("macros.personal"), items: macros.filter((m) => !m.shared) },
    { title: t("macros.shared"), items: macros.filter((m) => m.shared) },
  ];
  const select = (name: keyof Draft, label: string, options: [string, string][]) => (
    <Field id={`macro-${name}`} label={label}>
      {(a) => (
        <select
          {...a}
          name={name}
          value={String(draft[name])}
          onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
          className={inputClass}
        >
          <option value="">{t("macros.keep")}</option>
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <div className="space-y-6">
        {done && (
          <p role="status" className="text-sm text-green-800">
            {done}
          </p>
        )}
        {groups.map((g) => (
          <section key={g.title} aria-label={g.title}>
            <h2 className="mb-2 text-lg font-semibold">{g.title}</h2>
            {g.items.length === 0 ? (
              <p className="text-sm text-slate-700">{t("macros.none")}</p>
            ) : (
              <ul className="space-y-3" data-testid="macro-list">
                {g.items.map((m) => (
                  <li key={m.id}>
                    <Card className="space-y-2">
                      <h3 className="font-semibold">{m.name}</h3>
                      <p className="line-clamp-3 whitespace-pre-wrap text-sm text-slate-800">{m.body}</p>
                      {summarizeActions(m.actions, t).length > 0 && (
                        <p className="text-xs text-slate-700">{summarizeActions(m.actions, t).join(" · ")}</p>
                      )}
                      {m.editable && (
                        <div className="flex gap-2">
                          <button type="button" className={secondaryButtonClass} onClick={() => setDraft(toDraft(m))}>
                            {t("macros.edit")}
                          </button>
                          <button
                            type="button"
                            className={secondaryButtonClass}
                            onClick={() =>
                              remove.mutate(
                                { id: m.id },
                                {
                                  onSuccess: () => {
                                    setDone(t("macros.deleted"));
                                    router.refresh();
                                  },
                                },
                              )
                            }
                          >
                            {t("macros.delete")}
                          </button>
                        </div>
                      )}
                    </Card>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
      <Card>
        <form onSubmit={onSubmit} className="space-y-3" noValidate>
          <h2 className="text-lg font-semibold">{draft.id ? t("macros.edit") : t("macros.new")}</h2>
          <FormError message={formErrorOf(save.error, t("common.error"))} />
          <Field id="macro-name" label={t("macros.name")} errors={errors?.name}>
            {(a) => (
              <input
                {...a}
                name="name"
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                className={inputClass}
              />
            )}
          </Field>
          <Field id="macro-body" label={t("macros.body")} hint={t("macros.bodyHint", { list: PLACEHOLDER_LIST })} errors={errors?.body}>
            {(a) => (
              <textarea
                {...a}
                name="body"
                rows={6}
                value={draft.body}
                onChange={(e) => setDraft({ ...draft, body: e.target.value })}
                className={inputClass}
              />
            )}
          </Field>
          {select(
            "status",
            t("macros.setStatus"),
            TICKET_STATUSES.filter((s) => s !== "new" && s !== "closed").map((s) => [s, t(`status.${s}`)]),
          )}
          {select(
            "priority",
            t("macros.setPriority"),
            TICKET_PRIORITIES.map((p) => [p, t(`priority.${p}`)]),
          )}
          {select("assignee", t("macros.setAssignee"), [
            ["me", t("macros.assignMe")],
            ["none", t("macros.assignNone")],
            ...staff.map((s): [string, string] => [String(s.id), s.name]),
          ])}
          <Field id="macro-tags" label={t("macros.setTags")} errors={errors?.["actions.tags.0"]}>
            {(a) => (
              <TagInput {...a} name="tags" value={draft.tags} onValue={(v) => setDraft({ ...draft, tags: v })} className={inputClass} />
            )}
          </Field>
          {canShare && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={draft.shared} onChange={(e) => setDraft({ ...draft, shared: e.target.checked })} />
              {t("macros.share")}
            </label>
          )}
          <div className="flex gap-2">
            <button type="submit" className={buttonClass} disabled={save.isPending}>
              {t("macros.save")}
            </button>
            {draft.id && (
              <button type="button" className={secondaryButtonClass} onClick={() => setDraft(EMPTY)}>
                {t("macros.cancel")}
              </button>
            )}
          </div>
        </form>
      </Card>
    </div>
  );
}
