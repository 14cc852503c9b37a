"use client";
// A question's picture above its prompt, on every screen of the live quiz. Served from our own
// site (quizImageSrc), scaled down to fit: a phone keeps room for the answers below it.
import { quizImageSrc } from "@/protocol";

export function QuestionImage({ code, image, alt, tall = false }: { code: string; image: string | null; alt: string; tall?: boolean }) {
  if (!image) return null;
  return (
    <div className="flex" data-testid="quiz-image">
      {/* A plain <img>: the file is ours already, and next/image would add nothing but a loader. */}
      <img
        src={quizImageSrc(code, image)}
        alt={alt}
        decoding="async"
        className={`block h-auto w-auto max-w-full rounded-xl border border-line bg-white object-contain ${tall ? "max-h-[45vh]" : "max-h-[32vh]"}`}
      />
    </div>
  );
}
