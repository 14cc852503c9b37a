"use client";
// What each co-développement step shows and lets one write, bound to the collections of
// docs/protocol.md §4. Inputs appear only where the domain's canChange says the role may
// write now; the server checks every change again.
import { useId, useState } from "react";
import { CODEV_COLLECTION as C, CODEV_STEP, SUGGESTION_TYPES, type SuggestionType } from "@/domain/facilitation";
import { newItemId, type CollectionsModel, type Item } from "@/client/collections";
import { useLocale, useT } from "../I18nProvider";
import { TextField } from "./fields";
import { useItems, type Permissions } from "./hooks";
import { SpotlightButton, type Spotlight } from "./Plan";

interface ViewProps {
  model: CollectionsModel;
  perms: Permissions;
  me: string;
  visible: readonly string[];
  /** What the facilitator has put in the spotlight, and for the facilitator how to change it (M10). */
  spotlight?: Spotlight;
}

const CASE_FIELDS = ["context", "situation", "tried", "question"] as const;

function singletonEditable(perms: Permissions, collection: string, id: string, field: string, item: Item | undefined): boolean {
  return item ? perms.update(collection, field, id, item.authorId) : perms.create(collection, [field], id);
}

export function CaseView({ model, perms, compact = false }: ViewProps & { compact?: boolean }) {
  const t = useT();
  const items = useItems(model, C.case);
  const item = items.find((i) => i.id === "case");
  const labels = { context: t("seance.fields.context"), situation: t("seance.fields.situation"), tried: t("seance.fields.tried"), question: t("seance.fields.question") };
  return (
    <div className={`grid gap-4 ${compact ? "" : "md:grid-cols-2"}`} data-testid="case">
      {CASE_FIELDS.map((f) => (
        <TextField
          key={f}
          model={model}
          collection={C.case}
          itemId="case"
          field={f}
          item={item}
          label={labels[f]}
          hint={f === "context" ? t("seance.fields.contextHint") : undefined}
          editable={!compact && singletonEditable(perms, C.case, "case", f, item)}
          rows={f === "question" ? 2 : 4}
          testId={`case-${f}`}
        />
      ))}
    </div>
  );
}

/** The case (and the contract) as a reminder, folded, in the steps after the exposé. */
function Reminders(props: ViewProps & { showContract?: boolean }) {
  const t = useT();
  const contract = useItems(props.model, C.contract).find((i) => i.id === "contract");
  return (
    <div className="space-y-2">
      {props.showContract && props.visible.includes(C.contract) && (
        <div className="rounded-xl border-2 border-accent bg-accent-soft p-3">
          <h3 className="font-semibold">{t("seance.fields.contract")}</h3>
          <p className="whitespace-pre-wrap text-lg" data-testid="contract-reminder">
            {typeof contract?.values.text === "string" && contract.values.text ? contract.values.text : t("seance.fields.empty")}
          </p>
        </div>
      )}
      {props.visible.includes(C.case) && (
        <details className="rounded-xl border border-line bg-white p-3">
          <summary className="flex min-h-11 cursor-pointer items-center font-semibold">{t("seance.caseReminder")}</summary>
          <div className="mt-2">
            <CaseView {...props} compact />
          </div>
        </details>
      )}
    </div>
  );
}

export function QuestionsView(props: ViewProps) {
  const { model, perms, me } = props;
  const t = useT();
  const id = useId();
  const questions = useItems(model, C.questions);
  const [draft, setDraft] = useState("");
  const canAsk = perms.create(C.questions, ["text"]);
  return (
    <div className="space-y-4">
      <Reminders {...props} />
      {canAsk && (
        <form
          className="card space-y-2 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            const text = draft.trim();
            if (!text) return;
            model.create(C.questions, newItemId(), { text });
            setDraft("");
          }}
        >
          <label htmlFor={id} className="block font-semibold">
            {t("seance.questions.ask")}
          </label>
          <p id={`${id}-h`} className="text-sm text-muted">
            {t("seance.questions.askHint")}
          </p>
          <textarea id={id} aria-describedby={`${id}-h`} className="field" rows={2} maxLength={1000} value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="question-input" />
          <button type="submit" className="btn-primary" data-testid="question-add">
            {t("seance.questions.add")}
          </button>
        </form>
      )}
      <section aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`} className="text-lg font-bold">
          {t("seance.questions.title")} ({questions.length})
        </h2>
        {questions.length === 0 && <p className="italic text-muted">{t("seance.questions.empty")}</p>}
        <ul className="mt-2 grid gap-3 md:grid-cols-2">
          {questions.map((q) => {
            const text = typeof q.values.text === "string" ? q.values.text : "";
            const answer = typeof q.values.answer === "string" ? q.values.answer : "";
            const canAnswer = perms.update(C.questions, "answer", q.id, q.authorId);
            return (
              <li key={q.id} className={`rounded-xl bg-note-blue p-3 ${props.spotlight?.itemId === q.id ? "border-4 border-daisy" : "border border-line"}`} data-testid="question">
                <p className="whitespace-pre-wrap break-words text-lg font-semibold">{text}</p>
                {q.authorId === me && <p className="text-sm text-muted">({t("seance.questions.mine")})</p>}
                <div className="mt-2 rounded-lg bg-white/80 p-2">
                  {canAnswer ? (
                    <TextField model={model} collection={C.questions} itemId={q.id} field="answer" item={q} label={t("seance.questions.answerLabel", { question: text.slice(0, 80) })} editable rows={2} testId="answer-input" />
                  ) : (
                    <>
                      <h3 className="text-sm font-semibold text-muted">{t("seance.questions.answer")}</h3>
                      <p className={`whitespace-pre-wrap ${answer ? "" : "italic text-muted"}`} data-testid="answer">
                        {answer || t("seance.questions.noAnswer")}
                      </p>
                    </>
                  )}
                </div>
                <div className="mt-2 flex flex-wrap gap-2">
                  <SpotlightButton spotlight={props.spotlight} itemId={q.id} text={text} />
                  {q.authorId === me && perms.remove(C.questions, q.id, q.authorId) && (
                    <button type="button" className="btn-ghost text-danger" onClick={() => model.remove(C.questions, q.id)}>
                      {t("seance.questions.delete")}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

export function ContractView(props: ViewProps) {
  const { model, perms } = props;
  const t = useT();
  const item = useItems(model, C.contract).find((i) => i.id === "contract");
  const editable = singletonEditable(perms, C.contract, "contract", "text", item);
  return (
    <div className="space-y-4">
      <Reminders {...props} />
      <div className="card p-4">
        <TextField
          model={model}
          collection={C.contract}
          itemId="contract"
          field="text"
          item={item}
          label={t("seance.fields.contract")}
          hint={editable ? t("seance.fields.contractHint") : undefined}
          editable={editable}
          rows={4}
          testId="contract"
        />
      </div>
    </div>
  );
}

const TYPE_CLASS: Record<SuggestionType, string> = {
  idea: "bg-note-yellow",
  hypothesis: "bg-note-purple",
  testimony: "bg-note-pink",
  resource: "bg-note-green",
};

export function SuggestionsView(props: ViewProps) {
  const { model, perms, me } = props;
  const t = useT();
  const id = useId();
  const suggestions = useItems(model, C.suggestions);
  const [draft, setDraft] = useState("");
  const [type, setType] = useState<SuggestionType>("idea");
  const canPost = perms.create(C.suggestions, ["text", "type"]);
  return (
    <div className="space-y-4">
      <Reminders {...props} showContract />
      {canPost && (
        <form
          className="card space-y-2 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            const text = draft.trim();
            if (!text) return;
            model.create(C.suggestions, newItemId(), { text, type });
            setDraft("");
          }}
        >
          <fieldset>
            <legend className="font-semibold">{t("seance.suggestions.type")}</legend>
            <div className="mt-1 flex flex-wrap gap-2">
              {SUGGESTION_TYPES.map((ty) => (
                <label key={ty} className={`flex min-h-11 cursor-pointer items-center gap-2 rounded-full border-2 px-3 has-[:checked]:border-accent has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-accent ${TYPE_CLASS[ty]} border-line`}>
                  <input type="radio" name={`${id}-type`} value={ty} checked={type === ty} onChange={() => setType(ty)} className="h-5 w-5 accent-[#1f5c3f]" />
                  <span className="font-semibold">{t(`seance.suggestions.types.${ty}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <label htmlFor={id} className="block font-semibold">
            {t("seance.suggestions.text")}
          </label>
          <textarea id={id} className="field" rows={2} maxLength={2000} value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="suggestion-input" />
          <button type="submit" className="btn-primary" data-testid="suggestion-add">
            {t("seance.suggestions.add")}
          </button>
        </form>
      )}
      <SuggestionList {...props} items={suggestions} />
    </div>
  );
}

function SuggestionList({ model, perms, me, items, keptOnly = false, spotlight }: ViewProps & { items: readonly Item[]; keptOnly?: boolean }) {
  const t = useT();
  const id = useId();
  const shown = keptOnly ? items.filter((s) => s.values.kept === true) : items;
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="text-lg font-bold">
        {keptOnly ? t("seance.suggestions.keptTitle") : t("seance.suggestions.title")} ({shown.length})
      </h2>
      {shown.length === 0 && <p className="italic text-muted">{keptOnly ? t("seance.suggestions.noneKept") : t("seance.suggestions.empty")}</p>}
      <ul className="mt-2 grid gap-3 md:grid-cols-2 xl:grid-cols-3">
        {shown.map((s) => {
          const ty = (SUGGESTION_TYPES as readonly string[]).includes(s.values.type as string) ? (s.values.type as SuggestionType) : "idea";
          const text = typeof s.values.text === "string" ? s.values.text : "";
          const kept = s.values.kept === true;
          const canKeep = !keptOnly && perms.update(C.suggestions, "kept", s.id, s.authorId);
          return (
            <li key={s.id} className={`rounded-xl border p-3 ${TYPE_CLASS[ty]} ${spotlight?.itemId === s.id ? "border-4 border-daisy" : kept ? "border-2 border-accent" : "border-line"}`} data-testid="suggestion">
              <p className="text-sm font-bold uppercase tracking-wide">{t(`seance.suggestions.types.${ty}`)}</p>
              <p className="whitespace-pre-wrap break-words text-lg">{text}</p>
              <div className="mt-2 flex flex-wrap items-center gap-2">
                {canKeep ? (
                  <button
                    type="button"
                    aria-pressed={kept}
                    aria-label={t("seance.suggestions.keepLabel", { text: text.slice(0, 80) })}
                    className={kept ? "btn-primary" : "btn-secondary"}
                    onClick={() => model.setValue(C.suggestions, s.id, "kept", !kept)}
                    data-testid="keep"
                  >
                    {kept ? `✓ ${t("seance.suggestions.kept")}` : t("seance.suggestions.keep")}
                  </button>
                ) : (
                  kept && <span className="rounded-full bg-accent px-3 py-1 text-sm font-semibold text-white">✓ {t("seance.suggestions.kept")}</span>
                )}
                {!keptOnly && <SpotlightButton spotlight={spotlight} itemId={s.id} text={text} />}
                {!keptOnly && s.authorId === me && perms.remove(C.suggestions, s.id, s.authorId) && (
                  <button type="button" className="btn-ghost text-danger" onClick={() => model.remove(C.suggestions, s.id)}>
                    {t("seance.suggestions.delete")}
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

export function SynthesisView(props: ViewProps) {
  const { model, perms } = props;
  const t = useT();
  const id = useId();
  const suggestions = useItems(model, C.suggestions);
  const actions = useItems(model, C.actions);
  const synthesis = useItems(model, C.synthesis).find((i) => i.id === "synthesis");
  const canAdd = perms.create(C.actions, ["what", "who", "when"]);
  return (
    <div className="space-y-4">
      <SuggestionList {...props} items={suggestions} keptOnly />
      <div className="card p-4">
        <TextField
          model={model}
          collection={C.synthesis}
          itemId="synthesis"
          field="summary"
          item={synthesis}
          label={t("seance.fields.summary")}
          editable={singletonEditable(perms, C.synthesis, "synthesis", "summary", synthesis)}
          rows={3}
          testId="synthesis"
        />
      </div>
      <section aria-labelledby={id} className="card p-4">
        <h2 id={id} className="text-lg font-bold">
          {t("seance.actions.title")}
        </h2>
        {actions.length === 0 && <p className="italic text-muted">{t("seance.actions.empty")}</p>}
        <ol className="mt-2 space-y-3">
          {actions.map((a, i) => {
            const editable = (f: string) => perms.update(C.actions, f, a.id, a.authorId);
            return (
              <li key={a.id} className="rounded-xl border border-line bg-paper p-3" data-testid="action">
                <p className="font-bold">{t("seance.actions.numbered", { index: i + 1 })}</p>
                <div className="mt-1 grid gap-3 md:grid-cols-[2fr_1fr_1fr]">
                  <TextField model={model} collection={C.actions} itemId={a.id} field="what" item={a} label={t("seance.actions.what")} editable={editable("what")} rows={2} testId="action-what" />
                  <TextField model={model} collection={C.actions} itemId={a.id} field="who" item={a} label={t("seance.actions.who")} editable={editable("who")} rows={1} maxLength={200} />
                  <TextField model={model} collection={C.actions} itemId={a.id} field="when" item={a} label={t("seance.actions.when")} editable={editable("when")} rows={1} maxLength={100} />
                </div>
                {perms.remove(C.actions, a.id, a.authorId) && (
                  <button type="button" className="btn-ghost mt-2 text-danger" onClick={() => model.remove(C.actions, a.id)}>
                    {t("seance.actions.delete")}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
        {canAdd && (
          <button type="button" className="btn-primary mt-3" onClick={() => model.create(C.actions, newItemId(), { what: "", who: "", when: "" })} data-testid="action-add">
            {t("seance.actions.add")}
          </button>
        )}
      </section>
    </div>
  );
}

export function LearningsView(props: ViewProps) {
  const { model, perms, me } = props;
  const t = useT();
  const id = useId();
  const learnings = useItems(model, C.learnings);
  const mine = learnings.find((l) => l.id === me);
  const canText = mine ? perms.update(C.learnings, "text", me, mine.authorId) : perms.create(C.learnings, ["text"], me);
  const canRate = mine ? perms.update(C.learnings, "rating", me, mine.authorId) : perms.create(C.learnings, ["rating"], me);
  const ratings = learnings.map((l) => l.values.rating).filter((r): r is number => typeof r === "number");
  const locale = useLocale();
  const average = ratings.length
    ? (ratings.reduce((a, b) => a + b, 0) / ratings.length).toLocaleString(locale === "fr" ? "fr-FR" : "en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    : null;
  const rating = typeof mine?.values.rating === "number" ? mine.values.rating : null;
  return (
    <div className="space-y-4">
      {(canText || canRate) && (
        <div className="card space-y-3 p-4">
          <h2 className="text-lg font-bold">{t("seance.learnings.mine")}</h2>
          {canText && <TextField model={model} collection={C.learnings} itemId={me} field="text" item={mine} label={t("seance.fields.learning")} editable rows={3} testId="learning" />}
          {canRate && (
            <fieldset>
              <legend className="font-semibold">{t("seance.fields.rating")}</legend>
              <div className="mt-1 flex flex-wrap gap-2">
                {[1, 2, 3, 4, 5].map((v) => (
                  <label key={v} className="flex h-12 min-w-12 cursor-pointer items-center justify-center rounded-xl border-2 border-line bg-white px-3 text-lg font-bold has-[:checked]:border-accent has-[:checked]:bg-accent has-[:checked]:text-white has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-accent">
                    <input
                      type="radio"
                      name={`${id}-rating`}
                      value={v}
                      checked={rating === v}
                      className="sr-only"
                      aria-label={t("seance.fields.ratingValue", { value: v })}
                      onChange={() => (mine ? model.setValue(C.learnings, me, "rating", v) : model.create(C.learnings, me, { rating: v }))}
                    />
                    <span aria-hidden="true">{v}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          )}
        </div>
      )}
      <section aria-labelledby={`${id}-all`}>
        <h2 id={`${id}-all`} className="text-lg font-bold">
          {t("seance.learnings.title")}
        </h2>
        {average && <p className="text-muted">{t("seance.learnings.average", { value: average, count: ratings.length })}</p>}
        {learnings.filter((l) => l.values.text).length === 0 && <p className="italic text-muted">{t("seance.learnings.empty")}</p>}
        <ul className="mt-2 grid gap-3 md:grid-cols-2">
          {learnings
            .filter((l) => typeof l.values.text === "string" && l.values.text)
            .map((l) => (
              <li key={l.id} className="rounded-xl border border-line bg-note-green p-3 whitespace-pre-wrap break-words">
                {String(l.values.text)}
              </li>
            ))}
        </ul>
      </section>
    </div>
  );
}

export function StepView(props: ViewProps & { stepId: string }) {
  switch (props.stepId) {
    case CODEV_STEP.expose:
      return (
        <div className="card p-4">
          <CaseView {...props} />
        </div>
      );
    case CODEV_STEP.clarification:
      return <QuestionsView {...props} />;
    case CODEV_STEP.contract:
      return <ContractView {...props} />;
    case CODEV_STEP.reactions:
      return <SuggestionsView {...props} />;
    case CODEV_STEP.synthesis:
      return <SynthesisView {...props} />;
    case CODEV_STEP.learnings:
      return <LearningsView {...props} />;
    default:
      return null;
  }
}

/** After the end: what the group produced; the case holder may still pseudonymise the case (C14). */
export function EndView(props: ViewProps) {
  const t = useT();
  return (
    <div className="space-y-4">
      <div className="card p-4">
        <CaseView {...props} />
      </div>
      <ContractView {...props} visible={[]} />
      <SynthesisView {...props} />
      <p className="sr-only">{t("seance.endedLead")}</p>
    </div>
  );
}
