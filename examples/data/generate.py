"""Writes web-leads.csv: 600 made-up leads of an online course provider, with the outcome.

The columns and values are modelled on the public X Education lead-scoring case study, but every
row is drawn here from a fixed seed, so the file is ours to ship (Apache-2.0, like the project).
Conversion follows a logistic model of time on site, origin, occupation and last activity, plus
noise, so a fitted model has something to find.  Reproduce with: python3 generate.py > web-leads.csv
"""
import csv
import math
import random
import sys

rng = random.Random(20261127)


def pick(weighted):
    values, weights = zip(*weighted)
    return rng.choices(values, weights)[0]


writer = csv.writer(sys.stdout, lineterminator="\n")
writer.writerow([
    "Prospect ID", "Lead Origin", "Lead Source", "TotalVisits", "Total Time Spent on Website",
    "Page Views Per Visit", "Last Activity", "What is your current occupation", "Specialization",
    "Converted"])
for number in range(1, 601):
    origin = pick([("Landing Page Submission", 53), ("API", 39), ("Lead Add Form", 8)])
    source = pick([("Google", 31), ("Direct Traffic", 28), ("Olark Chat", 19), ("Organic Search", 12),
                   ("Reference", 6), ("Welingak Website", 4)])
    visits = 0 if source == "Olark Chat" else min(20, int(rng.expovariate(1 / 3.5)))
    seconds = 0 if visits == 0 else min(2200, int(rng.expovariate(1 / 550)))
    views = 0.0 if visits == 0 else round(min(8.0, rng.uniform(1, 2 + visits / 3)), 2)
    activity = pick([("Email Opened", 37), ("SMS Sent", 30), ("Olark Chat Conversation", 11),
                     ("Page Visited on Website", 7), ("Converted to Lead", 5), ("Email Bounced", 4),
                     ("Unreachable", 6)])
    occupation = pick([("Unemployed", 60), ("Working Professional", 8), ("Student", 3), ("Select", 29)])
    specialization = pick([("Select", 36), ("Finance Management", 11), ("Marketing Management", 10),
                           ("Human Resource Management", 10), ("Operations Management", 6),
                           ("Business Administration", 5), ("IT Projects Management", 5), ("", 17)])
    logit = (-1.9 + 1.5 * math.log1p(seconds / 300)
             + {"Lead Add Form": 2.6, "API": -0.3}.get(origin, 0)
             + {"Working Professional": 2.4, "Student": -0.4, "Unemployed": 0.2}.get(occupation, -0.6)
             + {"SMS Sent": 1.1, "Email Bounced": -1.3, "Olark Chat Conversation": -0.8,
                "Unreachable": -0.6}.get(activity, 0)
             + (0.5 if source == "Reference" else 0) + rng.gauss(0, 0.6))
    converted = 1 if rng.random() < 1 / (1 + math.exp(-logit)) else 0
    writer.writerow([
        f"P{number:05d}", origin, source, visits if rng.random() > 0.02 else "", seconds,
        views, activity, occupation, specialization, converted])
