import { el, must, show } from "./dom.ts";
import { explain } from "./messages.ts";

// Every page script's two ways to talk to the person: a status line (#status) and an error alert
// (#error) that says what went wrong in words and links the next thing to do.

export function say(text: string): void {
  must("status").textContent = text;
}

export function fail(err: unknown): void {
  const { text, next } = explain(err);
  const box = must("error");
  box.replaceChildren(text);
  if (next) box.append(" ", el("a", { href: next.href }, next.label));
  show(box);
  say("");
}

export function clearError(): void {
  show(must("error"), false);
}
