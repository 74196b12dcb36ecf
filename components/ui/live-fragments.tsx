"use client";

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";

type Fragments = Record<string, ReactNode>;
type Live = { fragments: Fragments; apply: (fragments: Fragments) => void };

const LiveContext = createContext<Live>({ fragments: {}, apply: () => undefined });

/** The mark a page's render leaves when a save changed parts of it after it was rendered. */
const staleMark = (renderId: string) => `zhusan:changed-since:${renderId}`;

/**
 * A page whose saves may answer with the parts they changed rather than the whole page
 * (docs/decisions/032). `renderId` names this render of the page: the parts put in place belong to
 * it, and are dropped as soon as the server renders the page again. A save that answered with
 * parts leaves a mark for this render, so that coming back to it (the browser's Back and Forward
 * show the page as the router kept it, without those parts) renders the page again first.
 */
export function LiveFragments({ renderId, children }: { renderId: string; children: ReactNode }) {
  const router = useRouter();
  const [live, setLive] = useState<{ renderId: string; fragments: Fragments }>({ renderId, fragments: {} });
  const fragments = live.renderId === renderId ? live.fragments : {};
  const apply = useCallback(
    (next: Fragments) => {
      sessionStorage.setItem(staleMark(renderId), "1");
      setLive((current) => ({ renderId, fragments: { ...(current.renderId === renderId ? current.fragments : {}), ...next } }));
    },
    [renderId],
  );
  // On arriving at a render (a mark set while it is shown waits for a later return to it).
  useEffect(() => {
    if (sessionStorage.getItem(staleMark(renderId)) === null) return;
    sessionStorage.removeItem(staleMark(renderId));
    router.refresh();
  }, [renderId, router]);
  return <LiveContext.Provider value={{ fragments, apply }}>{children}</LiveContext.Provider>;
}

/** A part of the page a save can answer with: the server's rendering of it, or the save's newer one. */
export function LiveFragment({ name, children }: { name: string; children: ReactNode }) {
  const { fragments } = useContext(LiveContext);
  return <>{name in fragments ? fragments[name] : children}</>;
}

/** Puts a save's parts in place; outside a page of live parts, nothing. */
export function useApplyFragments(): (fragments: Fragments) => void {
  return useContext(LiveContext).apply;
}
