-- Trigram search on normalised names (see schema.prisma: extensions are managed here, not there).
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CASEWORKER', 'SUPERVISOR', 'AUDITOR', 'ADMINISTRATOR');

-- CreateEnum
CREATE TYPE "RegionKind" AS ENUM ('REGION', 'CITY');

-- CreateEnum
CREATE TYPE "ReasonKind" AS ENUM ('DECLINE', 'WITHDRAW', 'DROP_OUT', 'NOT_REQUIRED');

-- CreateEnum
CREATE TYPE "AgeCategory" AS ENUM ('ADULT_MAN', 'ADULT_WOMAN', 'MINOR');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('OPEN', 'CLOSED', 'TRANSFERRED', 'DECEASED', 'LEFT_COUNTRY');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('UNASSESSED', 'LOW', 'MEDIUM', 'HIGH');

-- CreateEnum
CREATE TYPE "ProsecutionStatus" AS ENUM ('NOT_APPLICABLE', 'NO_PROCEEDINGS', 'PRELIMINARY_CHECK', 'UNDER_INVESTIGATION', 'CHARGED', 'ON_TRIAL', 'CONVICTED', 'ACQUITTED', 'PROCEEDINGS_DROPPED', 'SERVING_SENTENCE', 'RELEASED_AFTER_SENTENCE');

-- CreateEnum
CREATE TYPE "AliasType" AS ENUM ('LEGAL_NAME', 'KUNYA', 'NOM_DE_GUERRE', 'TRANSLITERATION', 'NICKNAME');

-- CreateEnum
CREATE TYPE "Script" AS ENUM ('CYRILLIC', 'LATIN', 'ARABIC');

-- CreateEnum
CREATE TYPE "Relationship" AS ENUM ('MOTHER', 'FATHER', 'CHILD', 'SIBLING', 'SPOUSE', 'GUARDIAN');

-- CreateEnum
CREATE TYPE "EnrollmentStatus" AS ENUM ('REFERRED', 'ENROLLED', 'COMPLETED', 'DECLINED', 'WITHDRAWN', 'DROPPED_OUT');

-- CreateEnum
CREATE TYPE "NeedState" AS ENUM ('NOT_REQUIRED', 'DECLINED_BY_PERSON');

-- CreateTable
CREATE TABLE "region" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "RegionKind" NOT NULL,
    "name_en" TEXT NOT NULL,
    "name_ru" TEXT NOT NULL,
    "name_kk" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "password_hash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "must_change_password" BOOLEAN NOT NULL DEFAULT false,
    "locked_at" TIMESTAMPTZ(3),
    "locale" TEXT NOT NULL DEFAULT 'en',
    "totp_secret" TEXT,
    "totp_enabled_at" TIMESTAMPTZ(3),
    "totp_last_step" BIGINT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_region" (
    "user_id" UUID NOT NULL,
    "region_id" UUID NOT NULL,

    CONSTRAINT "user_region_pkey" PRIMARY KEY ("user_id","region_id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" TEXT,
    "second_factor_pending" BOOLEAN NOT NULL DEFAULT false,
    "user_agent" TEXT,
    "ip_address" TEXT,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_attempt" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip_address" TEXT,
    "succeeded" BOOLEAN NOT NULL,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recovery_code" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recovery_code_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "return_operation" (
    "code" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "name_ru" TEXT NOT NULL,
    "name_kk" TEXT NOT NULL,
    "started_on" DATE,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "return_operation_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "program_type" (
    "code" TEXT NOT NULL,
    "label_en" TEXT NOT NULL,
    "label_ru" TEXT NOT NULL,
    "label_kk" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "program_type_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "reason" (
    "id" UUID NOT NULL,
    "kind" "ReasonKind" NOT NULL,
    "code" TEXT NOT NULL,
    "label_en" TEXT NOT NULL,
    "label_ru" TEXT NOT NULL,
    "label_kk" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "reason_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "program_requirement" (
    "age_category" "AgeCategory" NOT NULL,
    "program_type_code" TEXT NOT NULL,

    CONSTRAINT "program_requirement_pkey" PRIMARY KEY ("age_category","program_type_code")
);

-- CreateTable
CREATE TABLE "setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "case_number_counter" (
    "year" INTEGER NOT NULL,
    "last_serial" INTEGER NOT NULL,

    CONSTRAINT "case_number_counter_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "person" (
    "id" UUID NOT NULL,
    "case_number" TEXT NOT NULL,
    "family_name" TEXT NOT NULL,
    "given_name" TEXT NOT NULL,
    "patronymic" TEXT,
    "family_name_latin" TEXT NOT NULL,
    "given_name_latin" TEXT NOT NULL,
    "patronymic_latin" TEXT,
    "search_name" TEXT NOT NULL,
    "sex" "Sex" NOT NULL,
    "birth_date" DATE NOT NULL,
    "birth_date_estimated" BOOLEAN NOT NULL DEFAULT false,
    "iin" TEXT,
    "citizenship" TEXT NOT NULL DEFAULT 'KZ',
    "region_id" UUID NOT NULL,
    "address" TEXT,
    "return_date" DATE NOT NULL,
    "return_operation_code" TEXT NOT NULL,
    "returned_from" TEXT NOT NULL,
    "age_category" "AgeCategory" NOT NULL,
    "unaccompanied_minor" BOOLEAN NOT NULL DEFAULT false,
    "case_status" "CaseStatus" NOT NULL DEFAULT 'OPEN',
    "risk_level" "RiskLevel" NOT NULL DEFAULT 'UNASSESSED',
    "prosecution_status" "ProsecutionStatus" NOT NULL DEFAULT 'NO_PROCEEDINGS',
    "caseworker_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alias" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "value" TEXT NOT NULL,
    "script" "Script" NOT NULL,
    "type" "AliasType" NOT NULL,
    "source" TEXT NOT NULL,
    "search_name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "household" (
    "id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "household_member" (
    "household_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "relationship" "Relationship" NOT NULL,

    CONSTRAINT "household_member_pkey" PRIMARY KEY ("household_id","person_id")
);

-- CreateTable
CREATE TABLE "prosecution_transition" (
    "from_status" "ProsecutionStatus" NOT NULL,
    "to_status" "ProsecutionStatus" NOT NULL,
    "is_correction" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "prosecution_transition_pkey" PRIMARY KEY ("from_status","to_status")
);

-- CreateTable
CREATE TABLE "prosecution_entry" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "status" "ProsecutionStatus" NOT NULL,
    "effective_date" DATE NOT NULL,
    "articles" TEXT[],
    "authority" TEXT,
    "sentence_months" INTEGER,
    "reason" TEXT NOT NULL,
    "recorded_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prosecution_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "program" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "program_type_code" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "region_id" UUID NOT NULL,
    "capacity" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrollment" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "program_id" UUID NOT NULL,
    "status" "EnrollmentStatus" NOT NULL,
    "referred_on" DATE NOT NULL,
    "enrolled_on" DATE,
    "completed_on" DATE,
    "ended_on" DATE,
    "reason_id" UUID,
    "outcome_note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "enrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "program_need" (
    "person_id" UUID NOT NULL,
    "program_type_code" TEXT NOT NULL,
    "state" "NeedState" NOT NULL,
    "reason_id" UUID,
    "comment" TEXT,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "program_need_pkey" PRIMARY KEY ("person_id","program_type_code")
);

-- CreateTable
CREATE TABLE "note" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "author_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" UUID NOT NULL,
    "chain" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "prev_hash" TEXT,
    "hash" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "actor_id" UUID,
    "actor_label" TEXT,
    "actor_role" "Role",
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "person_id" UUID,
    "reason" TEXT,
    "before" JSONB,
    "after" JSONB,
    "context" JSONB,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_chain_head" (
    "chain" TEXT NOT NULL,
    "last_seq" INTEGER NOT NULL,
    "last_hash" TEXT NOT NULL,

    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("chain")
);

-- CreateTable
CREATE TABLE "audit_verification" (
    "id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "chains_checked" INTEGER NOT NULL,
    "events_checked" INTEGER NOT NULL,
    "first_broken_chain" TEXT,
    "first_broken_seq" INTEGER,
    "detail" TEXT,
    "requested_by_id" UUID,

    CONSTRAINT "audit_verification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "region_code_key" ON "region"("code");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "app_user_role_active_idx" ON "app_user"("role", "active");

-- CreateIndex
CREATE INDEX "user_region_region_id_idx" ON "user_region"("region_id");

-- CreateIndex
CREATE INDEX "session_user_id_ended_at_idx" ON "session"("user_id", "ended_at");

-- CreateIndex
CREATE INDEX "sign_in_attempt_email_attempted_at_idx" ON "sign_in_attempt"("email", "attempted_at");

-- CreateIndex
CREATE INDEX "sign_in_attempt_ip_address_attempted_at_idx" ON "sign_in_attempt"("ip_address", "attempted_at");

-- CreateIndex
CREATE INDEX "recovery_code_user_id_idx" ON "recovery_code"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "reason_kind_code_key" ON "reason"("kind", "code");

-- CreateIndex
CREATE UNIQUE INDEX "person_case_number_key" ON "person"("case_number");

-- CreateIndex
CREATE UNIQUE INDEX "person_iin_key" ON "person"("iin");

-- CreateIndex
CREATE INDEX "person_region_id_case_status_idx" ON "person"("region_id", "case_status");

-- CreateIndex
CREATE INDEX "person_caseworker_id_case_status_idx" ON "person"("caseworker_id", "case_status");

-- CreateIndex
CREATE INDEX "person_case_status_prosecution_status_age_category_idx" ON "person"("case_status", "prosecution_status", "age_category");

-- CreateIndex
CREATE INDEX "person_return_operation_code_return_date_idx" ON "person"("return_operation_code", "return_date");

-- CreateIndex
CREATE INDEX "person_return_date_idx" ON "person"("return_date");

-- CreateIndex
CREATE INDEX "person_search_name_trgm" ON "person" USING GIN ("search_name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "alias_person_id_idx" ON "alias"("person_id");

-- CreateIndex
CREATE INDEX "alias_search_name_trgm" ON "alias" USING GIN ("search_name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "household_member_person_id_idx" ON "household_member"("person_id");

-- CreateIndex
CREATE INDEX "prosecution_entry_person_id_effective_date_created_at_idx" ON "prosecution_entry"("person_id", "effective_date", "created_at");

-- CreateIndex
CREATE INDEX "program_region_id_program_type_code_active_idx" ON "program"("region_id", "program_type_code", "active");

-- CreateIndex
CREATE INDEX "enrollment_person_id_status_idx" ON "enrollment"("person_id", "status");

-- CreateIndex
CREATE INDEX "enrollment_program_id_status_idx" ON "enrollment"("program_id", "status");

-- CreateIndex
CREATE INDEX "note_person_id_created_at_idx" ON "note"("person_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_event_person_id_occurred_at_idx" ON "audit_event"("person_id", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_event_actor_id_occurred_at_idx" ON "audit_event"("actor_id", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_event_action_occurred_at_idx" ON "audit_event"("action", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_event_occurred_at_idx" ON "audit_event"("occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_chain_seq_key" ON "audit_event"("chain", "seq");

-- CreateIndex
CREATE INDEX "audit_verification_finished_at_idx" ON "audit_verification"("finished_at");

-- AddForeignKey
ALTER TABLE "user_region" ADD CONSTRAINT "user_region_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_region" ADD CONSTRAINT "user_region_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recovery_code" ADD CONSTRAINT "recovery_code_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "program_requirement" ADD CONSTRAINT "program_requirement_program_type_code_fkey" FOREIGN KEY ("program_type_code") REFERENCES "program_type"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person" ADD CONSTRAINT "person_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person" ADD CONSTRAINT "person_return_operation_code_fkey" FOREIGN KEY ("return_operation_code") REFERENCES "return_operation"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person" ADD CONSTRAINT "person_caseworker_id_fkey" FOREIGN KEY ("caseworker_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alias" ADD CONSTRAINT "alias_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "household_member" ADD CONSTRAINT "household_member_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "household_member" ADD CONSTRAINT "household_member_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prosecution_entry" ADD CONSTRAINT "prosecution_entry_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prosecution_entry" ADD CONSTRAINT "prosecution_entry_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "program" ADD CONSTRAINT "program_program_type_code_fkey" FOREIGN KEY ("program_type_code") REFERENCES "program_type"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "program" ADD CONSTRAINT "program_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollment" ADD CONSTRAINT "enrollment_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollment" ADD CONSTRAINT "enrollment_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollment" ADD CONSTRAINT "enrollment_reason_id_fkey" FOREIGN KEY ("reason_id") REFERENCES "reason"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "program_need" ADD CONSTRAINT "program_need_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "program_need" ADD CONSTRAINT "program_need_program_type_code_fkey" FOREIGN KEY ("program_type_code") REFERENCES "program_type"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "program_need" ADD CONSTRAINT "program_need_reason_id_fkey" FOREIGN KEY ("reason_id") REFERENCES "reason"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "program_need" ADD CONSTRAINT "program_need_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note" ADD CONSTRAINT "note_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note" ADD CONSTRAINT "note_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
