"""The case study's lifecycle sections: their names, the guidance shown beside each one in the
editor, and how many words make a section more than a placeholder. Pure data, no Django, so
the checks engine and the exporters share it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    question: str  # the heading's question, shown in the editor and the checks
    guidance: str  # what a good section holds, in our words
    example: str  # a short placeholder showing the shape of a good answer
    min_words: int  # fewer than this (but not none) is a thin section


SECTIONS: tuple[Section, ...] = (
    Section(
        "problem",
        "The problem",
        "What was wrong, and for whom?",
        "Open with the people and their pain, not the product. Say who struggled, what they were "
        "trying to do, what got in the way and what it cost them or the business. A reader "
        "should understand why this mattered before any feature appears.",
        "Small-shop owners set up their first online store on a Sunday evening and gave up "
        "half-way: 41% of new sign-ups never published a product.",
        20,
    ),
    Section(
        "customers",
        "Customers",
        "Who exactly had the problem?",
        "Name the segment precisely: their role, their situation, how many of them, and what "
        "they already tried. If there were several groups, say which one you chose to serve "
        "first and why.",
        "First-time sellers with fewer than 20 products, mostly on mobile, most of them running "
        "the shop alongside another job.",
        15,
    ),
    Section(
        "evidence",
        "Research and evidence",
        "How did you know?",
        "Show how you learned about the problem: interviews, support tickets, funnel data, "
        "surveys, experiments. Give the sample size and one finding that surprised you. Quote a "
        "customer if you can.",
        "I ran 12 interviews and read 300 support tickets; the funnel showed most drop-offs on "
        "the shipping-settings step.",
        15,
    ),
    Section(
        "goals",
        "Goals and success metrics",
        "What would success look like, in numbers?",
        "State the goal as a change for customers and the metric that shows it, with a baseline "
        "and a target. Add a guardrail metric you did not want to hurt.",
        "Raise the share of sign-ups who publish a product within 7 days from 59% to 70%, "
        "without raising support contacts.",
        10,
    ),
    Section(
        "options",
        "Options considered",
        "What could you have done?",
        "List two or three real alternatives, including doing nothing, with what each would "
        "cost and what it would gain. Interviewers look for the trade-offs, not a straw man.",
        "A guided set-up wizard; templates with shipping presets; a concierge call for new "
        "sellers.",
        15,
    ),
    Section(
        "decision",
        "The decision",
        "What did you choose, and why?",
        "Say which option won, the reasoning and the evidence behind it, and what you "
        "deliberately left out or postponed.",
        "Presets first: the smallest change that removed the step where most people stopped.",
        10,
    ),
    Section(
        "my_role",
        "What I did",
        "What did you personally do?",
        "Write in the first person. Separate your own work from the team's: what you decided, "
        "wrote, ran, negotiated or unblocked. Name the people you worked with by role.",
        "I wrote the PRD, ran the interviews with our designer, and negotiated the scope cut "
        "with the engineering lead.",
        20,
    ),
    Section(
        "launch",
        "Launch",
        "How did it reach customers?",
        "Describe how it shipped: a beta, a staged roll-out, an experiment, the launch plan and "
        "what you watched in the first days.",
        "A/B test to 20% of new sign-ups for three weeks, then everyone.",
        10,
    ),
    Section(
        "outcomes",
        "Outcomes",
        "What changed for customers and the business?",
        "Give the result in numbers against the goal: the metric before and after, over what "
        "time, and what it meant for customers. Include what did not move.",
        "Publishing within 7 days rose from 59% to 68% (target 70%); support contacts stayed flat.",
        15,
    ),
    Section(
        "learnings",
        "Learnings",
        "What would you do differently?",
        "Be honest about what went wrong or what you would change, and what you have done "
        "differently since.",
        "I would have tested the copy before the layout: most of the lift came from one sentence.",
        10,
    ),
)

BY_KEY = {s.key: s for s in SECTIONS}
KEYS = tuple(s.key for s in SECTIONS)
# About five minutes of reading, the length the portfolio playbook recommends.
LONGEST_WORDS = 1500
