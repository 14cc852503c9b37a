"use client";
// What each step of the atelier d'intelligence collective shows and lets one write (I1, I2),
// bound to the collections of src/domain/event/intelligenceCollective.ts: the porteur's
// difficulty, the clarifying questions (the co-développement's view: same collection), the
// ideas as sticky notes on the session board (the board's `notes` root, so the board tools'
// dot votes count them), their regroupement by moving them (x only: I2 lets everyone move any
// note, never edit its text) into regroupements anyone may name, and the short answer. Inputs
// appear only where the domain says the role may write now; the server checks every change again.
import { useId, useState } from "react";
import { IC_ANSWER_MAX, IC_COLLECTION as C, IC_GROUP_NAME_MAX, IC_STEP, icGroupNameId } from "@/domain/event/intelligenceCollective";
import { NOTE_MAX_TEXT, type NoteColor } from "@/domain/board";
import { newItemId, type CollectionsModel, type Item } from "@/client/collections";
import { useT } from "../I18nProvider";
import { TextField } from "./fields";
import { useItems, type Permissions } from "./hooks";
import { QuestionsView } from "./StepViews";
import { SpotlightButton, type Spotlight } from "./Plan";

interface ViewProps {
  model: CollectionsModel;
  perms: Permissions;
  me: string;
  visible: readonly string[];
  spotlight?: Spotlight;
}

/** A regroupement is a column of the board: x from k·FAMILY_WIDTH on (0: not grouped yet). */
export const FAMILY_WIDTH = 600;
export const FAMILY_COUNT = 5;
const NOTE_HEIGHT = 200;
const FAMILY_COLORS: readonly NoteColor[] = ["yellow", "green", "blue", "pink", "purple", "orange"];
const COLOR_CLASS: Record<string, string> = {
  yellow: "bg-note-yellow",
  green: "bg-note-green",
  blue: "bg-note-blue",
  pink: "bg-note-pink",
  purple: "bg-note-purple",
  orange: "bg-note-orange",
};

export function familyOf(item: Item): number {
  const x = typeof item.values.x === "number" ? item.values.x : 0;
  return Math.max(0, Math.min(FAMILY_COUNT, Math.floor(x / FAMILY_WIDTH)));
}

function textOf(item: Item | undefined, field: string): string {
  const v = item?.values[field];
  return typeof v === "string" ? v : "";
}

function singletonEditable(perms: Permissions, collection: string, id: string, field: string, item: Item | undefined): boolean {
  return item ? perms.update(collection, field, id, item.authorId) : perms.create(collection, [field], id);
}

export function ProblemView({ model, perms, compact = false }: ViewProps & { compact?: boolean }) {
  const t = useT();
  const item = useItems(model, C.problem).find((i) => i.id === "problem");
  const editable = !compact && singletonEditable(perms, C.problem, "problem", "statement", item);
  return (
    <div className="card p-4" data-testid="ic-problem">
      <TextField
        model={model}
        collection={C.problem}
        itemId="problem"
        field="statement"
        item={item}
        label={t("ic.problem.label")}
        hint={editable ? t("ic.problem.hint") : undefined}
        editable={editable}
        rows={6}
        maxLength={2000}
        testId="ic-problem-statement"
      />
    </div>
  );
}

/** The difficulty, folded, as a reminder in the later steps. */
function ProblemReminder(props: ViewProps) {
  const t = useT();
  const item = useItems(props.model, C.problem).find((i) => i.id === "problem");
  if (!props.visible.includes(C.problem)) return null;
  const text = textOf(item, "statement");
  return (
    <details className="rounded-xl border-2 border-accent bg-accent-soft p-3" open>
      <summary className="flex min-h-11 cursor-pointer items-center font-semibold">{t("ic.problem.reminder")}</summary>
      <p className={`mt-1 whitespace-pre-wrap break-words ${text ? "text-lg" : "italic text-muted"}`} data-testid="ic-problem-reminder">
        {text || t("seance.fields.empty")}
      </p>
    </details>
  );
}

export function ICQuestionsView(props: ViewProps) {
  return (
    <div className="space-y-4">
      <ProblemReminder {...props} />
      <QuestionsView {...props} />
    </div>
  );
}

/** Ideas: one per sticky note; everyone writes their own. */
export function IdeasView(props: ViewProps) {
  const { model, perms } = props;
  const t = useT();
  const id = useId();
  const ideas = useItems(model, C.notes);
  const [draft, setDraft] = useState("");
  const canPost = perms.create(C.notes, ["text", "x", "y", "z", "color"]);
  return (
    <div className="space-y-4">
      <ProblemReminder {...props} />
      {canPost && (
        <form
          className="card space-y-2 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            const text = draft.trim();
            if (!text) return;
            const count = ideas.filter((i) => familyOf(i) === 0).length;
            const z = ideas.reduce((m, i) => Math.max(m, typeof i.values.z === "number" ? i.values.z : 0), 0) + 1;
            model.create(C.notes, newItemId(), { text, x: 20 + (count % 2) * 280, y: 20 + Math.floor(count / 2) * NOTE_HEIGHT, z, color: "yellow" });
            setDraft("");
          }}
        >
          <label htmlFor={id} className="block font-semibold">
            {t("ic.ideas.label")}
          </label>
          <p id={`${id}-h`} className="text-sm text-muted">
            {t("ic.ideas.hint")}
          </p>
          <textarea id={id} aria-describedby={`${id}-h`} className="field" rows={2} maxLength={NOTE_MAX_TEXT} value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="ic-idea-input" />
          <button type="submit" className="btn-primary text-lg" data-testid="ic-idea-add">
            {t("ic.ideas.add")}
          </button>
        </form>
      )}
      <IdeaList {...props} ideas={ideas} />
    </div>
  );
}

function IdeaList({ model, perms, me, ideas, spotlight }: ViewProps & { ideas: readonly Item[] }) {
  const t = useT();
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="text-lg font-bold">
        {t("ic.ideas.title")} ({ideas.length})
      </h2>
      {ideas.length === 0 && <p className="italic text-muted">{t("ic.ideas.empty")}</p>}
      <ul className="mt-2 grid grid-cols-[repeat(auto-fill,minmax(min(100%,16rem),1fr))] gap-3">
        {ideas.map((n) => {
          const text = textOf(n, "text");
          return (
            <li key={n.id} className={`rounded-xl p-3 shadow-sm ${COLOR_CLASS[String(n.values.color)] ?? "bg-note-yellow"} ${spotlight?.itemId === n.id ? "border-4 border-daisy" : "border border-line"}`} data-testid="ic-idea">
              <p className="whitespace-pre-wrap break-words text-lg">{text || <span className="italic text-muted">{t("seance.fields.empty")}</span>}</p>
              <div className="mt-2 flex flex-wrap items-center gap-2">
                {n.authorId === me && <span className="text-sm text-muted">({t("ic.ideas.mine")})</span>}
                <SpotlightButton spotlight={spotlight} itemId={n.id} text={text} />
                {n.authorId === me && perms.remove(C.notes, n.id, n.authorId) && (
                  <button type="button" className="btn-ghost text-danger" onClick={() => model.remove(C.notes, n.id)} aria-label={t("ic.ideas.deleteLabel", { text: text.slice(0, 80) })}>
                    {t("ic.ideas.delete")}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The regroupement: each idea goes into a numbered regroupement (a column of the board), by a
 * choice that works with the keyboard and on a phone; the dot vote is the board tools' (panel).
 */
export function ClusteringView(props: ViewProps & { readOnly?: boolean }) {
  const { model, perms } = props;
  const t = useT();
  const ideas = useItems(model, C.notes);
  const byFamily = Array.from({ length: FAMILY_COUNT + 1 }, (_, k) => ideas.filter((i) => familyOf(i) === k));
  const move = (item: Item, family: number) => {
    const inTarget = ideas.filter((i) => i.id !== item.id && familyOf(i) === family).length;
    const z = ideas.reduce((m, i) => Math.max(m, typeof i.values.z === "number" ? i.values.z : 0), 0) + 1;
    model.setValue(C.notes, item.id, "x", family * FAMILY_WIDTH + 20);
    model.setValue(C.notes, item.id, "y", 20 + inTarget * NOTE_HEIGHT);
    model.setValue(C.notes, item.id, "z", z);
  };
  const names = useItems(model, C.groupNames);
  const nameItem = (k: number) => names.find((i) => i.id === icGroupNameId(k));
  const nameOf = (k: number) => textOf(nameItem(k), "name").trim();
  const familyTitle = (k: number) => (k === 0 ? t("ic.clusters.ungrouped") : nameOf(k) ? t("ic.clusters.familyNamed", { index: k, name: nameOf(k) }) : t("ic.clusters.family", { index: k }));
  const canName = (k: number) => {
    if (k === 0 || props.readOnly) return false;
    const item = nameItem(k);
    return item ? perms.update(C.groupNames, "name", item.id, item.authorId) : perms.create(C.groupNames, ["name"], icGroupNameId(k));
  };
  const shown = byFamily.map((list, k) => ({ k, list })).filter(({ k, list }) => k === 0 || list.length > 0 || !props.readOnly);
  return (
    <div className="space-y-4">
      <ProblemReminder {...props} />
      {!props.readOnly && <p className="rounded-xl bg-white p-3">{t("ic.clusters.help")}</p>}
      <div className="grid grid-cols-[repeat(auto-fill,minmax(min(100%,15rem),1fr))] gap-3" data-testid="ic-families">
        {shown.map(({ k, list }) => (
          <section key={k} aria-labelledby={`famille-${k}`} className={`rounded-xl border-2 p-3 ${k === 0 ? "border-dashed border-line bg-white" : "border-line bg-white"}`} data-testid={`ic-family-${k}`}>
            <h2 id={`famille-${k}`} className="font-bold" data-testid={`ic-family-title-${k}`}>
              {canName(k) ? t("ic.clusters.family", { index: k }) : familyTitle(k)} ({list.length})
            </h2>
            {canName(k) && <GroupName model={model} item={nameItem(k)} index={k} />}
            {list.length === 0 && <p className="text-sm italic text-muted">{t("ic.clusters.emptyFamily")}</p>}
            <ul className="mt-2 space-y-2">
              {list.map((n) => {
                const text = textOf(n, "text");
                const canMove = !props.readOnly && perms.update(C.notes, "x", n.id, n.authorId);
                const selectId = `ic-move-${n.id}`;
                return (
                  <li key={n.id} className={`rounded-lg border border-line p-2 ${COLOR_CLASS[FAMILY_COLORS[k] ?? "yellow"]}`} data-testid="ic-idea">
                    <p className="whitespace-pre-wrap break-words">{text}</p>
                    {canMove && (
                      <div className="mt-1">
                        <label htmlFor={selectId} className="block text-sm font-semibold">
                          {t("ic.clusters.moveTo")}
                        </label>
                        <select
                          id={selectId}
                          className="field mt-0.5 min-h-11 w-full min-w-0 py-1"
                          value={k}
                          onChange={(e) => move(n, Number(e.target.value))}
                          aria-label={t("ic.clusters.moveLabel", { text: text.slice(0, 80) })}
                          data-testid="ic-move"
                        >
                          {Array.from({ length: FAMILY_COUNT + 1 }, (_, f) => (
                            <option key={f} value={f}>
                              {familyTitle(f)}
                            </option>
                          ))}
                        </select>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

/** The name of regroupement `index`: anyone names it during the regroup (I2); shown in the title after. */
function GroupName({ model, item, index }: { model: CollectionsModel; item: Item | undefined; index: number }) {
  const t = useT();
  const itemId = icGroupNameId(index);
  const value = textOf(item, "name");
  return (
    // two wrapping lines rather than one input: a name stays readable in a narrow column
    <textarea
      rows={2}
      className="field mt-1 min-h-11 w-full min-w-0 resize-none py-1 font-semibold"
      maxLength={IC_GROUP_NAME_MAX}
      onKeyDown={(e) => {
        if (e.key === "Enter") e.preventDefault();
      }}
      value={value}
      placeholder={t("ic.clusters.namePlaceholder")}
      aria-label={t("ic.clusters.nameLabel", { index })}
      data-testid={`ic-family-name-${index}`}
      onChange={(e) => {
        const v = e.target.value.replace(/\s*\n\s*/g, " ").slice(0, IC_GROUP_NAME_MAX);
        if (item) model.setText(C.groupNames, itemId, "name", v);
        else model.create(C.groupNames, itemId, { name: v });
      }}
    />
  );
}

export function AnswerView(props: ViewProps & { compact?: boolean }) {
  const { model, perms } = props;
  const t = useT();
  const item = useItems(model, C.answer).find((i) => i.id === "answer");
  const editable = singletonEditable(perms, C.answer, "answer", "text", item);
  const length = textOf(item, "text").length;
  return (
    <div className="space-y-4">
      <div className="card space-y-1 p-4" data-testid="ic-answer">
        <TextField
          model={model}
          collection={C.answer}
          itemId="answer"
          field="text"
          item={item}
          label={t("ic.answer.label")}
          hint={editable ? t("ic.answer.hint", { max: IC_ANSWER_MAX }) : undefined}
          editable={editable}
          rows={5}
          maxLength={IC_ANSWER_MAX}
          testId="ic-answer-text"
        />
        {editable && (
          <p className="text-sm text-muted" aria-live="polite" data-testid="ic-answer-count">
            {t("ic.answer.count", { count: length, max: IC_ANSWER_MAX })}
          </p>
        )}
      </div>
      {!props.compact && (
        <>
          <ProblemReminder {...props} />
          <ClusteringView {...props} readOnly />
        </>
      )}
    </div>
  );
}

export function ICStepView(props: ViewProps & { stepId: string }) {
  switch (props.stepId) {
    case IC_STEP.problem:
      return <ProblemView {...props} />;
    case IC_STEP.clarification:
      return <ICQuestionsView {...props} />;
    case IC_STEP.ideas:
      return <IdeasView {...props} />;
    case IC_STEP.clustering:
      return <ClusteringView {...props} />;
    case IC_STEP.answer:
      return <AnswerView {...props} />;
    default:
      return null;
  }
}

/** After the end: the difficulty and the answer (the porteur may still edit both, I5), the ideas. */
export function ICEndView(props: ViewProps) {
  return (
    <div className="space-y-4">
      <ProblemView {...props} />
      <AnswerView {...props} compact />
      <ClusteringView {...props} readOnly />
    </div>
  );
}
