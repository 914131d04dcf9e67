"""The rules, in the order the rules reference lists them."""

from __future__ import annotations

from types import ModuleType

from seuranta.rules import (
    answer_conflict,
    answer_contradiction,
    change_claim,
    change_unverifiable,
    config_rule_unknown,
    continuation_no_responsible,
    copy_forward,
    copy_near,
    date_after_round,
    date_future,
    date_invalid,
    field_contradiction,
    figure_earlier_round,
    fraction_denominator,
    fraction_over,
    future_stale,
    group_exists,
    hetu,
    hetu_lookalike,
    id_path,
    id_unique,
    metric_overdue,
    metric_words_only,
    number_format,
    number_unique,
    observation_quote,
    percent_range,
    personal_email,
    personal_phone,
    placeholder,
    population_lemma,
    portfolio_mismatch,
    ref_benefit_goal,
    ref_item,
    ref_portfolio,
    ref_portfolio_list,
    ref_unrelated,
    ref_unresolved,
    related_exists,
    respondents_follow_up,
    respondents_round,
    responsible_named,
    round_duplicate,
    round_order,
    round_unknown,
    rounds_order,
    sample_size,
    share_arithmetic,
    state_after_round,
    subcount_sum,
    tally_sum,
)

RULES: tuple[ModuleType, ...] = (
    # identity
    id_path,
    id_unique,
    number_unique,
    group_exists,
    ref_portfolio,
    ref_benefit_goal,
    related_exists,
    # rounds and dates
    round_unknown,
    round_duplicate,
    round_order,
    date_future,
    rounds_order,
    date_invalid,
    date_after_round,
    # numbers
    fraction_denominator,
    fraction_over,
    percent_range,
    tally_sum,
    observation_quote,
    copy_forward,
    # metrics and continuation
    metric_overdue,
    metric_words_only,
    continuation_no_responsible,
    # references
    ref_unresolved,
    # personal data
    hetu,
    hetu_lookalike,
    personal_email,
    personal_phone,
    # prose a careful reader questions
    placeholder,
    number_format,
    ref_item,
    ref_portfolio_list,
    responsible_named,
    change_claim,
    respondents_follow_up,
    sample_size,
    share_arithmetic,
    future_stale,
    state_after_round,
    copy_near,
    answer_contradiction,
    answer_conflict,
    population_lemma,
    subcount_sum,
    respondents_round,
    ref_unrelated,
    field_contradiction,
    portfolio_mismatch,
    figure_earlier_round,
    change_unverifiable,
    # settings
    config_rule_unknown,
)

# The engine's own rule, applied after every other: an acknowledgement that matches no finding.
ACK_UNUSED = "ack-unused"

# Every id `.seuranta.yaml` may configure.
RULE_IDS = frozenset({*(rule.ID for rule in RULES), ACK_UNUSED})

# The rules that read other files (the programme, its groups, other measures): while a programme or
# group file of the same programme fails to load, their findings there are consequences, not news.
CROSS_FILE = frozenset(
    rule.ID
    for rule in (
        id_unique,
        number_unique,
        group_exists,
        ref_portfolio,
        ref_benefit_goal,
        related_exists,
        round_unknown,
        date_invalid,
        date_after_round,
        fraction_denominator,
        fraction_over,
        tally_sum,
        observation_quote,
        ref_unresolved,
        ref_portfolio_list,
        respondents_follow_up,
        responsible_named,
        state_after_round,
        change_claim,
        answer_conflict,
        respondents_round,
        ref_unrelated,
        subcount_sum,
        portfolio_mismatch,
        figure_earlier_round,
        change_unverifiable,
    )
)
