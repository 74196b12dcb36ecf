-- The audit log is append-only, enforced by the database itself so that neither a bug in the
-- app nor a hand-typed statement can rewrite history (DOMAIN.md "Audit trail").
CREATE FUNCTION audit_event_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();

CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();

ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_seq_positive" CHECK ("seq" >= 1);
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_prev_hash_matches_seq"
  CHECK (("seq" = 1) = ("prev_hash" IS NULL));
