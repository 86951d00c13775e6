"""Message keys the code builds at run time (``f"errors.{code}"``, ``"ui.sense." ~ sense``),
named here with ``N_`` so that extracting the catalogue template finds them too.

Build a key at run time, and add it here: the catalogue test fails on a key the Dutch catalogue
has that neither the code nor this list names (docs/translating.md).
"""

from __future__ import annotations


def N_(key: str) -> str:
    """The customary gettext name for "a key to extract, not to translate here"."""
    return key


RUN_TIME_KEYS = (
    # admin.action.*
    N_("admin.action.account_created"),
    N_("admin.action.account_disabled"),
    N_("admin.action.account_enabled"),
    N_("admin.action.account_role_set"),
    N_("admin.action.card_activated"),
    N_("admin.action.card_changed"),
    N_("admin.action.card_created"),
    N_("admin.action.card_deactivated"),
    N_("admin.action.card_imported"),
    N_("admin.action.card_moved_down"),
    N_("admin.action.card_moved_up"),
    N_("admin.action.card_restored"),
    N_("admin.action.edition_archived"),
    N_("admin.action.edition_changed"),
    N_("admin.action.edition_created"),
    N_("admin.action.edition_duplicated"),
    N_("admin.action.edition_imported"),
    N_("admin.action.edition_published"),
    N_("admin.action.edition_replaced"),
    N_("admin.action.edition_restored"),
    N_("admin.action.edition_unpublished"),
    N_("admin.action.password_changed"),
    N_("admin.action.password_reset"),
    # admin.confirm_status.*
    N_("admin.confirm_status.text_archive"),
    N_("admin.confirm_status.text_publish"),
    N_("admin.confirm_status.text_restore"),
    N_("admin.confirm_status.text_unpublish"),
    N_("admin.confirm_status.title_archive"),
    N_("admin.confirm_status.title_publish"),
    N_("admin.confirm_status.title_restore"),
    N_("admin.confirm_status.title_unpublish"),
    # admin.depth.*
    N_("admin.depth.1"),
    N_("admin.depth.2"),
    N_("admin.depth.3"),
    # admin.edition.*
    N_("admin.edition.status_text_archived"),
    N_("admin.edition.status_text_draft"),
    N_("admin.edition.status_text_published"),
    # admin.edition_form.*
    N_("admin.edition_form.intro_duplicate"),
    N_("admin.edition_form.intro_new"),
    N_("admin.edition_form.intro_settings"),
    N_("admin.edition_form.submit_duplicate"),
    N_("admin.edition_form.submit_new"),
    N_("admin.edition_form.submit_settings"),
    # admin.error.*
    N_("admin.error.bad_request.text"),
    N_("admin.error.bad_request.title"),
    N_("admin.error.csrf.text"),
    N_("admin.error.csrf.title"),
    N_("admin.error.forbidden.text"),
    N_("admin.error.forbidden.title"),
    N_("admin.error.not_found.text"),
    N_("admin.error.not_found.title"),
    N_("admin.error.report_not_found.text"),
    N_("admin.error.report_not_found.title"),
    N_("admin.error.too_large.text"),
    N_("admin.error.too_large.title"),
    N_("admin.error.unavailable.text"),
    N_("admin.error.unavailable.title"),
    # admin.export.*
    N_("admin.export.format_csv"),
    N_("admin.export.format_csv_excel"),
    N_("admin.export.format_json"),
    # admin.facilitate.*
    N_("admin.facilitate.created"),
    N_("admin.facilitate.deleted"),
    N_("admin.facilitate.saved"),
    # admin.facilitator.*
    N_("admin.facilitator.title"),
    # admin.fault.*
    N_("admin.fault.account_current_password"),
    N_("admin.fault.account_exists"),
    N_("admin.fault.account_last_admin"),
    N_("admin.fault.account_password"),
    N_("admin.fault.account_role"),
    N_("admin.fault.account_unknown"),
    N_("admin.fault.account_username"),
    N_("admin.fault.alt_missing"),
    N_("admin.fault.choice"),
    N_("admin.fault.choice_of"),
    N_("admin.fault.conflict"),
    N_("admin.fault.control_character"),
    N_("admin.fault.csv_column_missing"),
    N_("admin.fault.csv_column_twice"),
    N_("admin.fault.csv_differs"),
    N_("admin.fault.csv_empty"),
    N_("admin.fault.csv_empty_file"),
    N_("admin.fault.csv_position"),
    N_("admin.fault.csv_syntax"),
    N_("admin.fault.csv_text_twice"),
    N_("admin.fault.csv_too_many_cells"),
    N_("admin.fault.csv_unknown_column"),
    N_("admin.fault.duplicate_id"),
    N_("admin.fault.file_type"),
    N_("admin.fault.format"),
    N_("admin.fault.image_path"),
    N_("admin.fault.line_break"),
    N_("admin.fault.missing"),
    N_("admin.fault.no_editions"),
    N_("admin.fault.no_file"),
    N_("admin.fault.no_senses"),
    N_("admin.fault.no_text"),
    N_("admin.fault.not_text"),
    N_("admin.fault.not_utf8"),
    N_("admin.fault.nothing_chosen"),
    N_("admin.fault.nothing_to_publish"),
    N_("admin.fault.or"),
    N_("admin.fault.out_of_range"),
    N_("admin.fault.passwords_differ"),
    N_("admin.fault.shape"),
    N_("admin.fault.slug"),
    N_("admin.fault.status_changed"),
    N_("admin.fault.tab"),
    N_("admin.fault.taken"),
    N_("admin.fault.template_name_taken"),
    N_("admin.fault.template_setting"),
    N_("admin.fault.too_large"),
    N_("admin.fault.too_long"),
    N_("admin.fault.too_many_cards"),
    N_("admin.fault.too_many_excluded"),
    N_("admin.fault.too_many_templates"),
    N_("admin.fault.twice"),
    N_("admin.fault.unknown_key"),
    N_("admin.fault.unknown_language"),
    N_("admin.fault.unreadable"),
    # admin.field.*
    N_("admin.field.answering"),
    N_("admin.field.cards"),
    N_("admin.field.edition"),
    N_("admin.field.editions"),
    N_("admin.field.excluded_cards"),
    N_("admin.field.format"),
    N_("admin.field.language"),
    N_("admin.field.max_depth"),
    N_("admin.field.planned_minutes"),
    N_("admin.field.position"),
    N_("admin.field.senses"),
    N_("admin.field.status"),
    N_("admin.field.texts"),
    N_("admin.field.turn_timer_seconds"),
    N_("admin.field.typed_answers"),
    N_("admin.field.version"),
    # admin.history.*
    N_("admin.history.intro_card"),
    N_("admin.history.intro_edition"),
    N_("admin.history.no"),
    N_("admin.history.yes"),
    # admin.import.*
    N_("admin.import.card"),
    N_("admin.import.existing_edition"),
    N_("admin.import.new_edition"),
    # admin.kind.*
    N_("admin.kind.gewoon"),
    N_("admin.kind.ongewoon"),
    # admin.login.*
    N_("admin.login.locked"),
    N_("admin.login.logged_out"),
    N_("admin.login.wrong"),
    # admin.notice.*
    N_("admin.notice.account_created"),
    N_("admin.notice.account_disabled"),
    N_("admin.notice.account_enabled"),
    N_("admin.notice.account_password_reset"),
    N_("admin.notice.account_role_set"),
    N_("admin.notice.cannot_move"),
    N_("admin.notice.card_activated"),
    N_("admin.notice.card_created"),
    N_("admin.notice.card_deactivated"),
    N_("admin.notice.card_restored"),
    N_("admin.notice.card_saved"),
    N_("admin.notice.edition_duplicate"),
    N_("admin.notice.edition_new"),
    N_("admin.notice.edition_saved"),
    N_("admin.notice.first_admin"),
    N_("admin.notice.imported"),
    N_("admin.notice.password_changed"),
    N_("admin.notice.prints_larger"),
    N_("admin.notice.refused"),
    N_("admin.notice.replaced"),
    N_("admin.notice.status_archive"),
    N_("admin.notice.status_publish"),
    N_("admin.notice.status_restore"),
    N_("admin.notice.status_unpublish"),
    # admin.print.*
    N_("admin.print.error.no_cards"),
    N_("admin.print.error.unknown_edition"),
    N_("admin.print.error.unknown_language"),
    # admin.reports.*
    N_("admin.reports.answer.agree"),
    N_("admin.reports.answer.disagree"),
    N_("admin.reports.answer.neutral"),
    N_("admin.reports.csv.facilitator"),
    N_("admin.reports.csv.language"),
    N_("admin.reports.csv.minutes"),
    N_("admin.reports.csv.pending"),
    N_("admin.reports.csv.planned_minutes"),
    N_("admin.reports.csv.reflection"),
    N_("admin.reports.csv.row"),
    N_("admin.reports.csv.shown"),
    N_("admin.reports.csv.started"),
    N_("admin.reports.csv.template"),
    N_("admin.reports.csv.withheld"),
    N_("admin.reports.deviceless"),
    N_("admin.reports.ended"),
    N_("admin.reports.fault.bad_date"),
    N_("admin.reports.fault.end_before_start"),
    N_("admin.reports.fault.label_too_long"),
    N_("admin.reports.from"),
    N_("admin.reports.intro"),
    N_("admin.reports.intro_all"),
    N_("admin.reports.not_planned"),
    N_("admin.reports.outcome.answered"),
    N_("admin.reports.outcome.passed"),
    N_("admin.reports.outcome.set_aside"),
    N_("admin.reports.outcome.skipped"),
    N_("admin.reports.period"),
    N_("admin.reports.period_all"),
    N_("admin.reports.period_open"),
    N_("admin.reports.period_range"),
    N_("admin.reports.period_today"),
    N_("admin.reports.question.felt_heard"),
    N_("admin.reports.question.learned_something"),
    N_("admin.reports.question.meet_again"),
    N_("admin.reports.respondents"),
    N_("admin.reports.running"),
    N_("admin.reports.to"),
    # admin.role.*
    N_("admin.role.admin"),
    N_("admin.role.facilitator"),
    # admin.role_choice.*
    N_("admin.role_choice.admin"),
    N_("admin.role_choice.facilitator"),
    # admin.setup.*
    N_("admin.setup.refused_done"),
    N_("admin.setup.refused_expired"),
    N_("admin.setup.refused_unknown"),
    # admin.status.*
    N_("admin.status.archived"),
    N_("admin.status.draft"),
    N_("admin.status.published"),
    # admin.template_form.*
    N_("admin.template_form.submit_edit"),
    N_("admin.template_form.submit_new"),
    # errors.already_reflected.*
    N_("errors.already_reflected"),
    # errors.answer_too_long.*
    N_("errors.answer_too_long"),
    # errors.busy.*
    N_("errors.busy"),
    # errors.card_already_drawn.*
    N_("errors.card_already_drawn"),
    # errors.empty_answer.*
    N_("errors.empty_answer"),
    # errors.game_already_started.*
    N_("errors.game_already_started"),
    # errors.game_ended.*
    N_("errors.game_ended"),
    # errors.game_not_ended.*
    N_("errors.game_not_ended"),
    # errors.game_not_started.*
    N_("errors.game_not_started"),
    # errors.game_paused.*
    N_("errors.game_paused"),
    # errors.hand_not_allowed.*
    N_("errors.hand_not_allowed"),
    # errors.illegal_move.*
    N_("errors.illegal_move"),
    # errors.internal_error.*
    N_("errors.internal_error"),
    # errors.invalid_name.*
    N_("errors.invalid_name"),
    # errors.invalid_payload.*
    N_("errors.invalid_payload"),
    # errors.invalid_reaction.*
    N_("errors.invalid_reaction"),
    # errors.invalid_reflection.*
    N_("errors.invalid_reflection"),
    # errors.invalid_settings.*
    N_("errors.invalid_settings"),
    # errors.invalid_token.*
    N_("errors.invalid_token"),
    # errors.kicked.*
    N_("errors.kicked"),
    # errors.name_taken.*
    N_("errors.name_taken"),
    # errors.no_card_drawn.*
    N_("errors.no_card_drawn"),
    # errors.no_cards.*
    N_("errors.no_cards"),
    # errors.no_players.*
    N_("errors.no_players"),
    # errors.no_timer.*
    N_("errors.no_timer"),
    # errors.not_a_player.*
    N_("errors.not_a_player"),
    # errors.not_allowed.*
    N_("errors.not_allowed"),
    # errors.not_deviceless.*
    N_("errors.not_deviceless"),
    # errors.not_host.*
    N_("errors.not_host"),
    # errors.not_joined.*
    N_("errors.not_joined"),
    # errors.not_waiting_on_player.*
    N_("errors.not_waiting_on_player"),
    # errors.not_your_turn.*
    N_("errors.not_your_turn"),
    # errors.rate_limited.*
    N_("errors.rate_limited"),
    # errors.reflection_closed.*
    N_("errors.reflection_closed"),
    # errors.room_full.*
    N_("errors.room_full"),
    # errors.room_locked.*
    N_("errors.room_locked"),
    # errors.room_not_found.*
    N_("errors.room_not_found"),
    # errors.seat_exists.*
    N_("errors.seat_exists"),
    # errors.seat_not_available.*
    N_("errors.seat_not_available"),
    # errors.sense_not_in_play.*
    N_("errors.sense_not_in_play"),
    # errors.too_many_connections.*
    N_("errors.too_many_connections"),
    # errors.too_many_failed_joins.*
    N_("errors.too_many_failed_joins"),
    # errors.too_many_reactions.*
    N_("errors.too_many_reactions"),
    # errors.too_many_rooms.*
    N_("errors.too_many_rooms"),
    # errors.too_many_seats.*
    N_("errors.too_many_seats"),
    # errors.too_many_signals.*
    N_("errors.too_many_signals"),
    # errors.typed_answers_off.*
    N_("errors.typed_answers_off"),
    # errors.unavailable.*
    N_("errors.unavailable"),
    # errors.unknown_event.*
    N_("errors.unknown_event"),
    # errors.unknown_seat.*
    N_("errors.unknown_seat"),
    # errors.voice_full.*
    N_("errors.voice_full"),
    # errors.voice_not_in.*
    N_("errors.voice_not_in"),
    # errors.voice_off.*
    N_("errors.voice_off"),
    # errors.voice_peer_unknown.*
    N_("errors.voice_peer_unknown"),
    # errors.voice_signal_too_large.*
    N_("errors.voice_signal_too_large"),
    # ui.card.*
    N_("ui.card.depth_1"),
    N_("ui.card.depth_2"),
    N_("ui.card.depth_3"),
    N_("ui.card.drawn_by"),
    N_("ui.card.drawn_by_chance"),
    N_("ui.card.drawn_by_you"),
    N_("ui.card.drawn_by_you_chance"),
    N_("ui.card.kind_gewoon"),
    N_("ui.card.kind_ongewoon"),
    # ui.home.*
    N_("ui.home.no_room"),
    N_("ui.home.too_many_failed_joins"),
    # ui.host.*
    N_("ui.host.answering_chosen"),
    N_("ui.host.answering_drawer"),
    N_("ui.host.answering_everyone"),
    N_("ui.host.depth_1"),
    N_("ui.host.depth_2"),
    N_("ui.host.depth_3"),
    # ui.join.*
    N_("ui.join.title"),
    # ui.language.*
    N_("ui.language.en"),
    N_("ui.language.nl"),
    # ui.lobby.*
    N_("ui.lobby.title"),
    # ui.play_mode.*
    N_("ui.play_mode.mixed"),
    N_("ui.play_mode.online"),
    N_("ui.play_mode.together"),
    # ui.players.*
    N_("ui.players.kick"),
    N_("ui.players.make_cohost"),
    N_("ui.players.make_host"),
    N_("ui.players.make_player"),
    # ui.reactions.*
    N_("ui.reactions.said_heart"),
    N_("ui.reactions.said_me_too"),
    N_("ui.reactions.said_thanks"),
    # ui.reflect.*
    N_("ui.reflect.a_agree"),
    N_("ui.reflect.a_disagree"),
    N_("ui.reflect.a_neutral"),
    N_("ui.reflect.q_felt_heard"),
    N_("ui.reflect.q_learned_something"),
    N_("ui.reflect.q_meet_again"),
    # ui.said.*
    N_("ui.said.role_cohost"),
    N_("ui.said.role_cohost_you"),
    N_("ui.said.role_player"),
    N_("ui.said.role_player_you"),
    # ui.sense.*
    N_("ui.sense.horen"),
    N_("ui.sense.voelen"),
    N_("ui.sense.zien"),
    # ui.template.*
    N_("ui.template.kennismaking"),
    N_("ui.template.rustig_aan"),
    N_("ui.template.verdieping"),
    # ui.topic.*
    N_("ui.topic.notice"),
    # ui.voice.* (the second text of a conditional: extraction takes the first only)
    N_("ui.voice.camera_off"),
    N_("ui.voice.hall_intro"),
    N_("ui.voice.hall_join"),
    N_("ui.voice.hall_leave"),
    N_("ui.voice.intro"),
    N_("ui.voice.join"),
    N_("ui.voice.leave"),
    N_("ui.voice.mic_off_state"),
    N_("ui.voice.removed"),
    N_("ui.voice.unmute"),
    N_("ui.voice.you_joined"),
    # card languages (issue 16): keys built from a code or a status
    N_("admin.notice.text_reviewed"),
    N_("admin.print.bilingual_language"),
    N_("admin.print.bilingual_second"),
    N_("admin.print.error.not_a_language"),
    N_("admin.reports.csv.languages"),
    N_("admin.text_status.draft"),
    N_("admin.text_status.reviewed"),
)
