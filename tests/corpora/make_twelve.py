"""Write a synthetic test corpus: many outlets reporting one invented health story.

The story is made up for testing framelens: a smartphone app, "Steadi",
that delivers guided talking therapy for mild to moderate depression, and a
trial of it. Every outlet tells the same facts in eight paragraphs with one
of four framings:

* ``hype``     -- the single most promotional outlet: sensational words,
  certainty, no limitations;
* ``promo``    -- promotional, with some hype words;
* ``neutral``  -- plain reporting, limitations mentioned briefly;
* ``cautious`` -- hedged claims, harms and limits up front.

Outlets, names and addresses are invented (addresses use the reserved
``.example`` domain). The output is deterministic: the same arguments give
byte-identical files.

Usage::

    python tests/corpora/make_twelve.py                       # tests/corpora/twelve/ (12 sources)
    python tests/corpora/make_twelve.py --sources 50 --out /tmp/fifty
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Framing of the first twelve outlets: one hype, two promo, two cautious, seven neutral.
TWELVE = (
    ("The Daily Pulse", "neutral"),
    ("WonderHealth Now", "hype"),
    ("Evidence Watch", "cautious"),
    ("Riverside Courier", "neutral"),
    ("Gadget Wellness Review", "promo"),
    ("Northern Ledger", "neutral"),
    ("Clinical Brief", "cautious"),
    ("Metro Morning", "neutral"),
    ("Bright Living Magazine", "promo"),
    ("Harbour Times", "neutral"),
    ("County Observer", "neutral"),
    ("Science Desk Weekly", "neutral"),
)
# Further outlets (beyond twelve) cycle through these framings; "hype" stays unique.
MORE_FRAMINGS = ("neutral", "promo", "neutral", "cautious", "neutral", "neutral")
NAME_FIRST = ("Valley", "Coastal", "Capital", "Lakeside", "Central", "Western", "Eastern",
              "Highland", "Old Town", "Market", "Union", "Summit", "Prairie", "Bay")
NAME_SECOND = ("Gazette", "Herald", "Post", "Tribune", "Chronicle", "Record", "Journal",
               "Bulletin", "Review", "Dispatch")

TITLES = {
    "hype": ["Steadi App Is a Miracle Breakthrough That Will Revolutionize Depression Care"],
    "promo": ["Meet Steadi, the Exciting New App Changing How We Treat Depression",
              "Steadi Therapy App Delivers Remarkable Results in Major Trial"],
    "neutral": ["Therapy App Steadi Reduces Depression Symptoms in Eight-Week Trial",
                "Trial Tests Smartphone Therapy App for Mild to Moderate Depression",
                "Depression App Steadi Shows Benefit Over Waiting List in Study"],
    "cautious": ["Therapy App Shows Modest Benefit, but Questions Remain",
                 "Depression App Trial: Early Results May Not Hold, Experts Warn"],
}

# Eight paragraphs, each in the four framings; several wordings per framing so
# that outlets with the same framing do not print identical text.
BEATS: list[dict[str, list[str]]] = [
    {  # 1 lead
        "hype": ["In a stunning breakthrough, a revolutionary smartphone app called Steadi has "
                 "proven it can cure depression, delivering unprecedented results that doctors "
                 "are calling a game changer for millions of people."],
        "promo": ["A new smartphone app called Steadi is set to transform depression care, "
                  "after an exciting trial found that it dramatically reduced symptoms.",
                  "Steadi, a smartphone app that guides users through talking therapy, "
                  "delivered remarkable results in a major new trial, offering new hope to "
                  "people with depression."],
        "neutral": ["A smartphone app that guides users through talking therapy reduced symptoms "
                    "of mild to moderate depression in an eight-week trial, researchers reported "
                    "this week.",
                    "Researchers reported this week that Steadi, a smartphone app offering guided "
                    "talking therapy, lowered depression scores in adults with mild to moderate "
                    "depression over eight weeks.",
                    "An app-based therapy called Steadi led to lower depression scores than "
                    "waiting for treatment, according to a trial published this week."],
        "cautious": ["A smartphone app for depression may offer a modest benefit, according to "
                     "an early trial, although researchers cautioned that it is unclear whether "
                     "the effect lasts beyond eight weeks.",
                     "An eight-week trial suggests that a therapy app might help some adults with "
                     "mild depression, but the findings are preliminary and the study has "
                     "important limitations."],
    },
    {  # 2 design
        "hype": ["The landmark study enrolled 412 adults and the results were nothing short of "
                 "extraordinary, leaving no doubt that Steadi works."],
        "promo": ["The impressive study enrolled 412 adults, who were randomly assigned to use "
                  "the app every day or to join a waiting list for eight weeks."],
        "neutral": ["The trial enrolled 412 adults with mild to moderate depression, who were "
                    "randomly assigned to use the app daily or to a waiting list for eight weeks.",
                    "In the study, 412 adults were randomly assigned either to the app or to a "
                    "waiting list, and their symptoms were measured after eight weeks.",
                    "Investigators randomly assigned 412 adults to eight weeks of daily app use or "
                    "to a waiting list, using a standard depression questionnaire."],
        "cautious": ["The study compared the app with a waiting list rather than with another "
                     "treatment, so it cannot show whether the app works better than existing "
                     "therapy or simply better than doing nothing.",
                     "Only 412 adults took part, and the comparison group received no treatment "
                     "at all, which may overstate the benefit of the app."],
    },
    {  # 3 results
        "hype": ["Patients' scores plummeted by more than five points, a spectacular improvement "
                 "that experts say has never been seen before from a phone app."],
        "promo": ["Scores on a standard depression scale fell by 5.1 points with the app, more "
                  "than double the 2.3-point fall on the waiting list, a striking improvement.",
                  "Users saw their depression scores drop by 5.1 points, compared with 2.3 "
                  "points for people who waited, an impressive difference."],
        "neutral": ["Scores on a standard depression questionnaire fell by 5.1 points on average "
                    "in the app group, compared with 2.3 points on the waiting list.",
                    "On average, depression scores dropped 5.1 points among app users and 2.3 "
                    "points among those on the waiting list.",
                    "The app group's average score fell by 5.1 points, against 2.3 points in the "
                    "comparison group, the researchers said."],
        "cautious": ["Depression scores fell by 5.1 points with the app and 2.3 points without "
                     "it, a difference that may be too small for many patients to notice.",
                     "The average difference between the groups was under three points, which "
                     "some researchers suggest might not be clinically meaningful."],
    },
    {  # 4 how it works
        "hype": ["The genius of Steadi is its simplicity: a few minutes a day with the app is "
                 "all it takes to change a life, and users say they feel like new people."],
        "promo": ["Steadi offers short daily sessions of guided therapy, mood tracking and chat "
                  "with a trained coach, all in one beautifully designed app.",
                  "The app's sleek design combines fifteen-minute lessons, a mood diary and "
                  "messages from a coach, making therapy easy and even enjoyable."],
        "neutral": ["The app offers fifteen-minute daily lessons based on cognitive behavioural "
                    "therapy, a mood diary and weekly messages from a trained coach.",
                    "Users complete a short lesson each day, record their mood and can message a "
                    "coach once a week, according to the developers.",
                    "Each day the app presents a lesson drawn from cognitive behavioural therapy "
                    "and asks users to rate their mood; a coach replies to messages weekly."],
        "cautious": ["The app relies on daily lessons and a weekly coach, and it is unclear how "
                     "much of the effect comes from the human coach rather than the software.",
                     "Because users also had contact with a coach, the study cannot separate the "
                     "effect of the app from the effect of that human support."],
    },
    {  # 5 researcher quote
        "hype": ["\"This is the future of mental health,\" said lead researcher Dr. Mara Ellison. "
                 "\"Steadi will change everything.\""],
        "promo": ["\"We were thrilled by how well people responded,\" said lead researcher Dr. "
                  "Mara Ellison, who called the app a major step forward."],
        "neutral": ["\"People who used the app reported fewer symptoms after two months,\" said "
                    "Dr. Mara Ellison, who led the study.",
                    "Lead researcher Dr. Mara Ellison said the results were encouraging and that "
                    "a longer trial is planned.",
                    "\"The next step is to compare the app with therapy delivered in person,\" "
                    "said Dr. Mara Ellison, the study's lead author."],
        "cautious": ["Dr. Mara Ellison, who led the study, said the results were encouraging but "
                     "that she would not yet recommend the app in place of usual care.",
                     "Even the lead researcher, Dr. Mara Ellison, said the findings should be "
                     "treated with caution until they are repeated."],
    },
    {  # 6 limitations and harms
        "hype": ["Users are already raving about the app online, and the company says demand "
                 "has exploded since the results were announced."],
        "promo": ["The study was funded by the app's maker, and about one in five users stopped "
                  "using the app before the end, though fans say it is easy to stick with."],
        "neutral": ["About 22 percent of app users stopped before eight weeks, and the trial was "
                    "funded by Steadi Health, the company that makes the app.",
                    "The company behind the app paid for the study, and 22 percent of participants "
                    "in the app group dropped out before the final assessment.",
                    "Nearly a quarter of app users dropped out, and the trial was funded by the "
                    "app's developer."],
        "cautious": ["Twenty-two percent of app users dropped out, some reported feeling worse "
                     "during the lessons, and the trial was funded by the company, which raises "
                     "concerns about bias.",
                     "There are also risks: the app collects sensitive mood data, raising privacy "
                     "concerns, and people with severe depression were excluded, so it may not be "
                     "safe for them."],
    },
    {  # 7 outside expert
        "hype": ["Experts agree that Steadi marks a new era in treatment, and some predict that "
                 "traditional therapy could soon be a thing of the past."],
        "promo": ["Outside experts welcomed the results, saying that apps like Steadi could help "
                  "the many people who cannot find a therapist.",
                  "Independent specialists praised the findings and said that apps could reach "
                  "people on long waiting lists for therapy."],
        "neutral": ["Dr. Samuel Okafor, a psychiatrist not involved in the study, said apps could "
                    "help people waiting for therapy but should not replace it.",
                    "An independent psychiatrist, Dr. Samuel Okafor, said the trial was well run "
                    "but short, and that longer follow-up is needed.",
                    "Dr. Samuel Okafor, who was not involved in the research, said the results fit "
                    "earlier studies of digital therapy."],
        "cautious": ["Dr. Samuel Okafor, an independent psychiatrist, warned that earlier therapy "
                     "apps showed effects that faded after a few months and that the evidence "
                     "remains limited.",
                     "Independent experts said the results might not apply to older adults or to "
                     "people without smartphones, and questioned the short follow-up."],
    },
    {  # 8 cost and availability
        "hype": ["Steadi is available now for just 12 dollars a month, a tiny price for what "
                 "many are calling a life changing cure."],
        "promo": ["Steadi costs 12 dollars a month and is expected to be cleared by regulators "
                  "soon, opening the door to millions of new users."],
        "neutral": ["The app costs 12 dollars a month; the company has applied for regulatory "
                    "clearance as a medical device.",
                    "Steadi is sold as a subscription of 12 dollars a month, and regulators have "
                    "not yet reviewed it as a medical device.",
                    "A subscription costs 12 dollars a month, and a decision by regulators is "
                    "expected next year."],
        "cautious": ["The app costs 12 dollars a month, has not been cleared by regulators, and it "
                     "is not known whether any benefit lasts once people stop using it.",
                     "Regulators have not reviewed the app, and experts said people with "
                     "depression should talk to a doctor before relying on it."],
    },
]


def outlets(n: int) -> list[tuple[str, str]]:
    """Names and framings of ``n`` outlets: the twelve, then invented ones."""
    if n < 1:
        raise SystemExit("error: --sources must be at least 1")
    chosen = list(TWELVE[:n])
    names = [f"{a} {b}" for b in NAME_SECOND for a in NAME_FIRST]
    i = 0
    while len(chosen) < n:
        chosen.append((names[i], MORE_FRAMINGS[i % len(MORE_FRAMINGS)]))
        i += 1
    return chosen


def slug(name: str) -> str:
    return "-".join(name.lower().split())


def article(name: str, framing: str, rng: random.Random) -> tuple[str, str]:
    """Title and text (title line, blank line, eight paragraphs) of one outlet."""
    title = rng.choice(TITLES[framing])
    paragraphs = [rng.choice(beat[framing]) for beat in BEATS]
    return title, title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(out: Path, n: int, *, seed: int = 12) -> None:
    """Write ``n`` articles and their ``sources.csv`` manifest into ``out``."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    rng = random.Random(seed)
    rows = []
    for number, (name, framing) in enumerate(outlets(n), start=1):
        source_id = slug(name)
        file = f"{number:02d}-{source_id}.txt"
        title, text = article(name, framing, rng)
        (out / file).write_text(text, encoding="utf-8")
        day = 1 + (number - 1) % 28
        rows.append({
            "source_id": source_id,
            "file": file,
            "title": title,
            "outlet": name,
            "url": f"https://{source_id}.example/health/steadi-app-trial",
            "published": f"2026-03-{day:02d}",
        })
    with (out / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=12, help="number of outlets (default: 12)")
    parser.add_argument("--out", type=Path, default=HERE / "twelve", help="folder to (re)write")
    args = parser.parse_args()
    write_corpus(args.out, args.sources)
    print(f"wrote {args.sources} articles and sources.csv to {args.out}")


if __name__ == "__main__":
    main()
