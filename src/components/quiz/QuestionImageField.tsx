"use client";
// "Image (facultatif)" in a question of the editor: choose a file (a real button; the file input
// itself stays out of the tab order), watch it upload, see a thumbnail, describe it (the alt
// text, required with a picture: Z2), replace or remove it. The server decides what a file is
// (Z18); the only check here is the size, so that 10 MB are not sent just to be refused.
import { useEffect, useRef, useState } from "react";
import { uploadQuizImage } from "@/client/quiz";
import { QUIZ_IMAGE_LIMITS, QUIZ_IMAGE_TYPES, QUIZ_LIMITS } from "@/domain/quiz";
import { useT } from "../I18nProvider";
import { QuestionImage } from "./QuestionImage";

const UPLOAD_ERRORS = ["image_too_large", "unsupported_image", "image_empty", "too_many_images", "session_closed", "network"] as const;

export function QuestionImageField({
  code,
  token,
  index,
  image,
  imageAlt,
  imageId,
  altId,
  imageError,
  altError,
  onChange,
}: {
  code: string;
  token: string;
  index: number;
  /** The uploaded picture's id, "" for none. */
  image: string;
  imageAlt: string;
  /** DOM ids of the choose/replace button and of the alt text input (the save refusals focus them). */
  imageId: string;
  altId: string;
  /** The server's refusal of the saved quiz at `image` or `imageAlt`, in words. */
  imageError: string | null;
  altError: string | null;
  onChange: (change: { image?: string; imageAlt?: string }) => void;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const upload = useRef<AbortController | null>(null);
  const focusNext = useRef<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const n = index + 1;

  useEffect(() => () => upload.current?.abort(), []);
  useEffect(() => {
    if (!focusNext.current) return;
    // Kept until the element is there: the render that shows the description field may come
    // after the one that ends the upload.
    const el = document.getElementById(focusNext.current);
    if (!el) return;
    el.focus();
    focusNext.current = null;
  });

  async function send(file: File) {
    setError(null);
    setStatus("");
    if (file.size > QUIZ_IMAGE_LIMITS.maxBytes) {
      setError(t("quiz.editor.image.errors.image_too_large"));
      return;
    }
    upload.current?.abort();
    const ctl = new AbortController();
    upload.current = ctl;
    setProgress(0);
    const res = await uploadQuizImage(code, token, file, setProgress, ctl.signal);
    if (ctl.signal.aborted) return;
    setProgress(null);
    if (res.ok) {
      onChange({ image: res.image.id });
      setStatus(t("quiz.editor.image.uploaded"));
      focusNext.current = altId;
      return;
    }
    const known = UPLOAD_ERRORS.find((c) => c === res.code);
    setError(known ? t(`quiz.editor.image.errors.${known}`) : t("quiz.editor.image.errors.other", { code: res.code }));
  }

  const hintId = `${imageId}-hint`;
  const errorId = `${imageId}-error`;
  const shownError = error ?? imageError;
  const describedBy = [hintId, shownError ? errorId : ""].filter(Boolean).join(" ");
  const busy = progress !== null;

  return (
    <fieldset className="rounded-xl border border-line p-3" data-testid="quiz-image-field">
      <legend className="px-1 font-semibold">{t("quiz.editor.image.legend")}</legend>
      <p id={hintId} className="text-sm text-muted">
        {t("quiz.editor.image.hint")}
      </p>

      {image ? (
        <div className="mt-2 flex flex-col gap-3 sm:flex-row sm:items-start">
          <div className="w-full max-w-[14rem] shrink-0 self-start [&_img]:max-h-36" data-testid="quiz-image-preview">
            <QuestionImage code={code} image={image} alt={t("quiz.editor.image.preview", { index: n })} />
          </div>
          <div className="min-w-0 flex-1">
            <label htmlFor={altId} className="block font-semibold">
              {t("quiz.editor.image.alt")}
            </label>
            <p id={`${altId}-hint`} className="text-sm text-muted">
              {t("quiz.editor.image.altHint")}
            </p>
            <input
              id={altId}
              className="field mt-1"
              value={imageAlt}
              maxLength={QUIZ_LIMITS.imageAlt + 20}
              aria-invalid={altError ? true : undefined}
              aria-describedby={`${altId}-hint${altError ? ` ${altId}-error` : ""}`}
              onChange={(e) => onChange({ imageAlt: e.target.value })}
              data-testid="quiz-image-alt"
            />
            {altError && (
              <p id={`${altId}-error`} className="error-text mt-1" data-testid="quiz-field-error">
                {altError}
              </p>
            )}
            <div className="mt-2 flex flex-wrap gap-2">
              <button id={imageId} type="button" className="btn-secondary" disabled={busy} aria-describedby={describedBy} onClick={() => input.current?.click()} data-testid="quiz-image-choose">
                {t("quiz.editor.image.replace")}
              </button>
              <button
                type="button"
                className="btn-ghost text-danger"
                disabled={busy}
                onClick={() => {
                  onChange({ image: "", imageAlt: "" });
                  setError(null);
                  setStatus(t("quiz.editor.image.removed", { index: n }));
                  focusNext.current = imageId;
                }}
                data-testid="quiz-image-remove"
              >
                {t("quiz.editor.image.remove")}
              </button>
            </div>
          </div>
        </div>
      ) : (
        <button id={imageId} type="button" className="btn-secondary mt-2" disabled={busy} aria-describedby={describedBy} onClick={() => input.current?.click()} data-testid="quiz-image-choose">
          <ImageIcon /> {t("quiz.editor.image.choose")}
        </button>
      )}

      {/* Out of the tab order: the button above opens it, by keyboard as by pointer. */}
      <input
        ref={input}
        type="file"
        accept={QUIZ_IMAGE_TYPES.join(",")}
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared, so that choosing the same file again (after an error) is a change.
          e.target.value = "";
          if (file) void send(file);
        }}
        data-testid="quiz-image-input"
      />

      {busy && (
        <div className="mt-2 flex items-center gap-2" data-testid="quiz-image-progress">
          <progress className="h-2 w-40 accent-[#1f5c3f]" max={1} value={progress} aria-label={t("quiz.editor.image.uploading", { percent: Math.round(progress * 100) })} />
          <span className="text-sm" aria-hidden="true">
            {t("quiz.editor.image.uploading", { percent: Math.round(progress * 100) })}
          </span>
        </div>
      )}
      {shownError && (
        <p id={errorId} role={error ? "alert" : undefined} className="error-text mt-1" data-testid="quiz-image-error">
          {shownError}
        </p>
      )}
      <p role="status" className="sr-only">
        {status}
      </p>
    </fieldset>
  );
}

function ImageIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="inline-block shrink-0 align-[-4px]">
      <rect x="3" y="5" width="18" height="14" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx="9" cy="10" r="1.8" fill="currentColor" />
      <path d="M4.5 17.5l5-5 3.5 3.5 2.5-2.5 4 4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
    </svg>
  );
}
