/**
 * Liveness for a load balancer or process supervisor: the process is up and answering. Public by
 * design: it reads nothing, takes no input and names nothing but its own state.
 */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
