"use client";
// A modal dialog (native <dialog>: focus kept inside, Escape closes), opened while mounted.
import { useEffect, useId, useRef, type ReactNode } from "react";
import { useT } from "../I18nProvider";

export function Modal({
  title,
  onClose,
  children,
  wide = false,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
}) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const back = document.activeElement as HTMLElement | null;
    if (!el.open) el.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault();
      closeRef.current();
    };
    el.addEventListener("cancel", onCancel);
    return () => {
      el.removeEventListener("cancel", onCancel);
      if (el.open) el.close();
      if (back?.isConnected) back.focus({ preventScroll: true });
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      data-testid={testId}
      className={`m-auto max-h-[92dvh] rounded-2xl p-0 backdrop:bg-black/50 ${wide ? "w-[min(64rem,96vw)]" : "w-[min(34rem,94vw)]"}`}
    >
      {/* The title and the close button stay in view while a long dialog scrolls. */}
      <div className="sticky top-0 z-10 flex items-center gap-2 border-b border-line bg-white px-4 py-2 sm:px-6">
        <h2 id={`${id}-title`} className="min-w-0 flex-1 text-lg font-bold sm:text-xl">
          {title}
        </h2>
        <button type="button" className="btn-ghost" onClick={() => closeRef.current()} aria-label={t("clusters.close")}>
          <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      <div className="px-4 py-4 sm:px-6">{children}</div>
    </dialog>
  );
}
