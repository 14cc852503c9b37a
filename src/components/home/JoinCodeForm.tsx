"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { normalizeJoinCode } from "@/domain/joinCode";
import { joinPath } from "@/client/api";
import { useT } from "../I18nProvider";

/** Home page: type the code, go to the join page (which checks it and asks the name). */
export function JoinCodeForm() {
  const t = useT();
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="mt-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const code = normalizeJoinCode(value);
        if (!code) {
          setError(t("join.codeInvalid"));
          return;
        }
        router.push(joinPath(code));
      }}
    >
      <label htmlFor={`${id}-code`} className="block font-semibold">
        {t("home.codeLabel")}
      </label>
      <div className="mt-1 flex flex-col gap-3 sm:flex-row">
        <input
          id={`${id}-code`}
          name="code"
          className="field field-code sm:flex-1"
          inputMode="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={12}
          placeholder={t("home.codePlaceholder")}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="btn-primary text-lg sm:px-6">
          {t("home.joinButton")}
        </button>
      </div>
      {error && (
        <p id={`${id}-err`} role="alert" className="error-text mt-2">
          {error}
        </p>
      )}
    </form>
  );
}
