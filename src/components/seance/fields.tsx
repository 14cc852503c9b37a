"use client";
// A text field of a collection item, written as one types (Y.Text), or shown read-only.
import { useId } from "react";
import type { CollectionsModel, Item } from "@/client/collections";
import { useT } from "../I18nProvider";

export function TextField({
  model,
  collection,
  itemId,
  field,
  item,
  label,
  hint,
  editable,
  rows = 3,
  maxLength,
  testId,
  labelHidden = false,
}: {
  model: CollectionsModel;
  collection: string;
  itemId: string;
  field: string;
  item: Item | undefined;
  label: string;
  hint?: string;
  editable: boolean;
  rows?: number;
  maxLength?: number;
  testId?: string;
  labelHidden?: boolean;
}) {
  const t = useT();
  const id = useId();
  const raw = item?.values[field];
  const value = typeof raw === "string" ? raw : "";
  if (!editable) {
    return (
      <div className="min-w-0">
        <h3 className="font-semibold text-muted">{label}</h3>
        <p className={`mt-0.5 whitespace-pre-wrap break-words ${value ? "text-lg" : "italic text-muted"}`} data-testid={testId}>
          {value || t("seance.fields.empty")}
        </p>
      </div>
    );
  }
  return (
    <div className="min-w-0">
      <label htmlFor={id} className={labelHidden ? "sr-only" : "block font-semibold"}>
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      )}
      <textarea
        id={id}
        className="field mt-1 resize-y"
        rows={rows}
        maxLength={maxLength}
        aria-describedby={hint ? `${id}-hint` : undefined}
        value={value}
        data-testid={testId}
        onChange={(e) => {
          if (item) model.setText(collection, itemId, field, e.target.value);
          else model.create(collection, itemId, { [field]: e.target.value });
        }}
      />
    </div>
  );
}
