/**
 * The console page's words (`locales/<lng>/console.json`), in one language, for the page's
 * JSON block. The namespace also holds the default quick replies (`qr_*`, see
 * quick-replies.ts) and the Telegram group notice (`notify_*`), which the page does not need.
 * A test keeps this list equal to the English file's other keys.
 */
import type { Texts } from '../engine/texts';

export const CONSOLE_NS = 'console';

export const UI_KEYS = [
  'title', 'skip_to_main', 'nav_label', 'nav_queue', 'nav_replies', 'nav_accounts', 'nav_audit', 'nav_password', 'language',
  'sign_out', 'signed_in_as', 'sign_in_heading', 'username', 'password', 'sign_in', 'sign_in_missing', 'sign_in_failed',
  'sign_in_rate_limited', 'signed_out', 'signed_out_now', 'queue_heading', 'queue_waiting', 'queue_none_waiting', 'queue_empty',
  'urgent', 'state_waiting', 'state_yours', 'state_with', 'state_closed', 'pick_from_queue', 'handoff_heading',
  'summary_heading', 'summary_nothing', 'field_audience', 'field_age', 'field_country', 'field_city', 'field_topic', 'field_check_result', 'value_check_result_none', 'value_check_result_some', 'value_check_result_serious',
  'field_signs', 'field_message', 'value_audience_under_13', 'value_audience_age_13_17', 'value_audience_adult',
  'value_audience_parent', 'value_audience_someone_else', 'topic_general', 'warning_deception', 'warning_wages',
  'warning_overtime', 'warning_conditions', 'warning_documents', 'warning_debt', 'warning_movement', 'warning_isolation',
  'warning_vulnerability', 'warning_threats', 'warning_violence', 'warning_child_school', 'warning_child_secret',
  'warning_child_crime', 'warning_child_sexual', 'accept', 'accepted', 'accept_taken', 'transcript_heading', 'from_person',
  'from_caseworker', 'from_system', 'sys_person_ended', 'sys_person_left', 'sys_emergency_used', 'sys_delivery_failed',
  'reply_label', 'send', 'send_failed', 'quick_replies_heading', 'quick_replies_none', 'outcome_legend', 'outcome_advice_given',
  'outcome_referred', 'outcome_emergency_services', 'outcome_no_response', 'referred_to', 'referred_to_missing', 'close',
  'closed_done', 'handoff_gone', 'new_request', 'new_request_urgent', 'reconnecting', 'error_generic', 'error_network',
  'channel_webchat', 'channel_telegram', 'channel_botframework', 'replies_heading', 'replies_language', 'reply_new',
  'reply_edit', 'reply_title', 'reply_body', 'reply_incomplete', 'save', 'cancel', 'saved', 'edit', 'edit_named', 'delete',
  'delete_named', 'delete_confirm', 'deleted', 'accounts_heading', 'first_name', 'role', 'role_caseworker', 'role_supervisor',
  'role_title', 'role_title_hint', 'account_state', 'account_active', 'account_disabled', 'account_locked', 'actions',
  'account_new', 'account_create', 'account_invalid', 'username_taken', 'enable', 'disable', 'disable_confirm', 'reset_password',
  'reset_confirm', 'one_time_password', 'last_supervisor', 'audit_heading', 'audit_filter_handoff', 'audit_filter', 'audit_when',
  'audit_who', 'audit_what', 'audit_handoff', 'audit_detail', 'audit_more', 'action_sign_in', 'action_sign_in_failed',
  'action_sign_in_locked', 'action_account_locked', 'action_sign_out', 'action_open', 'action_read', 'action_accept',
  'action_write', 'action_close', 'action_account_create', 'action_account_disable', 'action_account_enable',
  'action_password_reset', 'action_password_change', 'action_quick_reply_create', 'action_quick_reply_update',
  'action_quick_reply_delete', 'action_quick_replies_seeded', 'action_audit_read', 'detail_unknown_username',
  'detail_wrong_password', 'detail_disabled', 'detail_wrong_current_password', 'detail_advice_given',
  'detail_emergency_services', 'detail_no_response', 'password_heading', 'password_current', 'password_new', 'password_hint',
  'password_save', 'password_changed', 'password_wrong', 'no_script',
  'nav_insights', 'action_insights_export', 'insights_heading', 'insights_intro', 'insights_period', 'insights_from',
  'insights_to', 'insights_show', 'insights_last_7', 'insights_last_30', 'insights_last_90', 'insights_download',
  'insights_downloaded', 'insights_bad_period', 'insights_showing', 'insights_nothing', 'fewer_than', 'at_least',
  'insights_flows_started', 'insights_flows_finished', 'insights_help_searched', 'insights_handoffs_requested', 'insights_emergencies', 'insights_daily_heading',
  'insights_flows_heading', 'insights_flow', 'insights_started', 'insights_finished', 'insights_share_finished', 'insights_dropoff_heading',
  'insights_dropoff_hint', 'insights_step', 'insights_stopped', 'insights_more_steps', 'insights_quiz_heading', 'insights_quiz_hint',
  'insights_scenario', 'insights_right', 'insights_wrong', 'insights_share_wrong', 'insights_help_heading', 'insights_by_category',
  'insights_by_country', 'insights_kind', 'insights_country', 'insights_count', 'category_none', 'category_emergency',
  'category_child_helpline', 'category_anti_trafficking', 'category_shelter', 'category_health', 'category_mental_health', 'category_legal_aid',
  'category_family_tracing', 'category_migration_asylum', 'category_education', 'country_unknown', 'insights_handoffs_heading', 'insights_by_language',
  'insights_language', 'insights_by_urgency', 'insights_urgency', 'urgency_urgent', 'urgency_normal', 'insights_waits',
  'insights_wait', 'wait_under_1_min', 'wait_1_to_5_min', 'wait_5_to_15_min', 'wait_15_to_60_min', 'wait_over_60_min',
  'insights_unanswered', 'insights_outcomes', 'insights_outcome', 'outcome_person_left', 'insights_emergency_heading', 'insights_interrupts_heading',
  'insights_command', 'interrupt_delete', 'interrupt_stop', 'interrupt_human', 'interrupt_language', 'interrupt_menu',
] as const;

/** Keys of the namespace that are not page words. */
export const NON_UI_PREFIXES = ['qr_', 'notify_'] as const;

export function uiStrings(texts: Texts, lang: string): Record<string, string> {
  return Object.fromEntries(UI_KEYS.map((key) => [key, texts.render(lang, CONSOLE_NS, key, undefined) ?? key]));
}
