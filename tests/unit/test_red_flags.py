"""Warning signs (CLINICAL.md) as the clinic states them.

Each text case is (what the person writes, what the bot must conclude):
- a set of rule ids: each of them fires, and nothing fires at a higher level than the
  highest of them; the empty set means no warning sign at all;
- a level name: the highest level reached must be exactly that level.
A missed emergency is the worst bug; a needless emergency the second worst.
"""
from __future__ import annotations

import shutil

import pytest
import yaml

from bot import knowledge, red_flags
from bot.assessment import Facts
from bot.knowledge import KnowledgeError
from bot.levels import EMERGENCY, SEE_DOCTOR, SELF_CARE, URGENT, highest, rank

NONE: set = set()

THUNDERCLAP = [
    # suddenness in a second, however told
    ("fine one minute, then within a second the worst pain ever", {"thunderclap"}),
    ("it went to full blast in a split second", {"thunderclap"}),
    ("worst headache of my life", {"thunderclap"}),
    ("This is the worst headache I've ever had", {"thunderclap"}),
    ("worst pain of my life in my head", {"thunderclap"}),
    ("wrst hedache of my life rly bad", {"thunderclap"}),
    ("its the worst headache ever", {"thunderclap"}),
    ("I've never had a headache this bad", {"thunderclap"}),
    ("never felt pain like this before in my head", {"thunderclap"}),
    ("a headache hit me out of nowhere a few minutes ago, it was instantly the worst pain of my life",
     {"thunderclap"}),
    ("it came on suddenly while I was watching TV", {"thunderclap"}),
    ("It came on really suddenly", {"thunderclap"}),
    ("sudden severe headache at the back of my head", {"thunderclap"}),
    ("suddenly got an excruciating headache", {"thunderclap"}),
    ("the pain came out of nowhere", {"thunderclap"}),
    ("felt like a thunderclap in my head", {"thunderclap"}),
    ("it hit me like a baseball bat", {"thunderclap"}),
    ("like being hit on the back of the head with a bat", {"thunderclap"}),
    ("it peaked within a minute", {"thunderclap"}),
    ("reached its worst in a few seconds", {"thunderclap"}),
    ("went from nothing to 10 out of 10 in seconds", {"thunderclap"}),
    ("felt like something exploded in my head", {"thunderclap"}),
    ("all of a sudden my head was in agony", {"thunderclap"}),
    ("came on instantly during sex", {"thunderclap", "precipitated"}),
    ("It came on suddenly, no warning at all", {"thunderclap"}),
    ("worst headache of my life, came on while lifting weights", {"thunderclap"}),
    ("THE WORST HEADACHE OF MY LIFE", {"thunderclap"}),
    ("worst headache of my life!!!", {"thunderclap"}),
    ("it started suddenly", {"thunderclap"}),
    ("came on like a thunder clap", {"thunderclap"}),
]

NEURO = [
    # a workout told, but the limb is still dead, or with another sign
    ("my arm went dead after spin class and I still can't feel my fingers", {"neuro_deficit"}),
    ("my leg went weak after my run and my speech is slurred", {"neuro_deficit"}),
    # a named illness with a sign is still the sign
    ("it might be a stroke, my face has dropped on one side", {"neuro_deficit"}),
    ("can't lift my arm", {"neuro_deficit"}),
    ("I cant lift my left arm", {"neuro_deficit"}),
    ("I can’t lift my arm properly", {"neuro_deficit"}),
    ("I have a headache and my left leg has gone weak, I can't stand properly", {"neuro_deficit"}),
    ("my right arm feels weak", {"neuro_deficit"}),
    ("weakness in my right hand", {"neuro_deficit"}),
    ("my leg keeps giving way", {"neuro_deficit"}),
    ("my legs gave way", {"neuro_deficit"}),
    ("my arm won't work properly", {"neuro_deficit"}),
    ("I keep dropping things", {"neuro_deficit"}),
    ("numbness in my face", {"neuro_deficit"}),
    ("my left arm has gone numb", {"neuro_deficit"}),
    ("numbnes down my left side", {"neuro_deficit"}),
    ("pins and needles in my face and arm", {"neuro_deficit"}),
    ("I can't feel my fingers", {"neuro_deficit"}),
    ("my face is drooping on one side", {"neuro_deficit"}),
    ("my smile is lopsided", {"neuro_deficit"}),
    ("the side of my mouth has dropped", {"neuro_deficit"}),
    ("my speech is slurred", {"neuro_deficit"}),
    ("I'm slurring my words", {"neuro_deficit"}),
    ("I can't find the words", {"neuro_deficit"}),
    ("struggling to get my words out", {"neuro_deficit"}),
    ("my words are coming out wrong", {"neuro_deficit"}),
    ("I can't see properly out of my left eye", {"neuro_deficit"}),
    ("behind my right eye, and I can't see properly out of it any more since an hour ago", EMERGENCY),
    ("I've lost my sight in one eye", {"neuro_deficit"}),
    ("i think im going blind", {"neuro_deficit"}),
    ("half of my vision is missing", {"neuro_deficit"}),
    ("a curtain came down over my eye", {"neuro_deficit"}),
    ("I have double vision", {"neuro_deficit"}),
    ("seeing double since this morning", {"neuro_deficit"}),
    ("I keep losing my balance", {"neuro_deficit"}),
    ("I've lost my balance and keep falling over", {"neuro_deficit"}),
    ("walking like I'm drunk", {"neuro_deficit"}),
    ("I'm really unsteady on my feet", {"neuro_deficit"}),
    ("I think I'm having a stroke", {"neuro_deficit"}),
    ("can not lift my arm up", {"neuro_deficit"}),
    ("u cant lift ur arm? i cant lift my arm", {"neuro_deficit"}),
    # told in the past tense: a sign that came and went today is still a sign
    ("my leg was numb for ten minutes this morning", {"neuro_deficit"}),
    ("his arms were weak when he tried to get up", {"neuro_deficit"}),
]

CONSCIOUSNESS = [
    ("I feel really confused", {"altered_consciousness"}),
    ("my husband says I've been confused all afternoon", {"altered_consciousness"}),
    ("I feel drowsy", {"altered_consciousness"}),
    ("can't stay awake", {"altered_consciousness"}),
    ("I keep falling asleep", {"altered_consciousness"}),
    ("I passed out", {"altered_consciousness"}),
    ("I fainted at work", {"altered_consciousness"}),
    ("I blacked out for a bit", {"altered_consciousness"}),
    ("I collapsed in the kitchen", {"altered_consciousness"}),
    ("I had a seizure this morning", {"altered_consciousness"}),
    ("I had a fit", {"altered_consciousness"}),
    ("I can't remember what happened", {"altered_consciousness"}),
    ("memory loss since this morning", {"altered_consciousness"}),
    ("my family say my personality has changed", {"altered_consciousness"}),
    ("i feel disorientated", {"altered_consciousness"}),
    ("I lost consciousness", {"altered_consciousness"}),
    ("feel faint and sick", {"altered_consciousness"}),
]

INFECTION = [
    ("high fever, stiff neck and a headache that's getting worse", {"meningism"}),
    ("I have a fever and a stiff neck", {"meningism"}),
    ("temperature of 39 and my neck is really stiff", {"meningism"}),
    ("feverish and my neck is stiff", {"meningism"}),
    ("fevr and stiff nek", {"meningism"}),
    ("i have a high temp and it hurts to bend my head forward", {"meningism"}),
    ("purple rash that doesn't fade", {"non_blanching_rash"}),
    ("I have a rash that doesn't fade when I press a glass on it", {"non_blanching_rash"}),
    ("rash that doesnt go away under a glass", {"non_blanching_rash"}),
    ("there are tiny purple spots on my legs", {"non_blanching_rash"}),
    ("non-blanching rash on my arm", {"non_blanching_rash"}),
    ("I've got a fever", {"systemic_symptoms"}),
    ("a temperature and chills", {"systemic_symptoms"}),
    ("losing weight without trying and night sweats", {"systemic_symptoms"}),
]

HEAD_INJURY = [
    ("I fell down the stairs and hit my head, now I feel drowsy and keep being sick",
     {"head_injury_severe"}),
    ("I banged my head and I've been vomiting", {"head_injury_severe"}),
    ("hit my head on a cupboard and now i'm confused", {"head_injury_severe"}),
    ("got concussion playing rugby and keep throwing up", {"head_injury_severe"}),
    ("I hit my head really hard", {"head_injury_major"}),
    ("headache since a car accident this morning", {"head_injury_major"}),
    ("fell off a ladder", {"head_injury_major"}),
    ("hit my head yesterday", {"recent_head_injury"}),
    ("I banged my head on the car door last week", {"recent_head_injury"}),
    ("I bumped my head two weeks ago and it still aches", {"recent_head_injury"}),
    ("I had a concussion last month", {"recent_head_injury"}),
    ("slipped on ice and hit my head", {"recent_head_injury"}),
    ("I got hit on the head by a football", {"recent_head_injury"}),
]

EYE = [
    ("my eye is red and painful and I see halos around lights", {"acute_glaucoma"}),
    ("painful red eye and blurred vision", {"acute_glaucoma"}),
    ("red, sore eye with rainbow rings around lights", {"acute_glaucoma"}),
    ("my right eye is bloodshot and I'm seeing halos", {"acute_glaucoma"}),
]

URGENT_CASES = [
    ("I'm pregnant and have a bad headache", {"pregnancy"}),
    ("I'm 32 weeks pregnant", {"pregnancy"}),
    ("I gave birth three weeks ago", {"pregnancy"}),
    ("just had a baby 10 days ago", {"pregnancy"}),
    # the birth told as the baby's arrival; a relative born long ago is no birth
    ("our daughter was born 5 weeks ago and my head is pounding", {"pregnancy"}),
    ("the twins arrived early 3 weeks ago, bad headache since", {"pregnancy"}),
    ("my son came back 2 weeks ago from uni and I have a headache", set()),
    ("my son was born in 1990, I get tension headaches", set()),
    ("I'm pregnant and my vision is blurry", {"preeclampsia"}),
    ("pregnant with swollen ankles and face", {"preeclampsia"}),
    ("I've had a kidney transplant and take immunosuppressants", {"immune_or_cancer"}),
    ("I'm HIV positive", {"immune_or_cancer"}),
    ("I'm on chemo for breast cancer", {"immune_or_cancer"}),
    ("I had cancer five years ago", {"immune_or_cancer"}),
    ("I take methotrexate for my arthritis", {"immune_or_cancer"}),
    ("I've been on long-term steroids", {"immune_or_cancer"}),
    ("my immune system is weak", {"immune_or_cancer"}),
    ("I had a brain tumour removed", {"immune_or_cancer"}),
    ("it's worse when I lie down and I've been vomiting", {"raised_pressure"}),
    ("I wake up with a headache and throw up", {"raised_pressure"}),
    ("worse in the morning and I hear a whooshing in my ears", {"raised_pressure"}),
    ("my vision goes grey for a few seconds when I stand up", {"papilloedema_signs"}),
    ("I can hear my heartbeat in my ears", {"papilloedema_signs"}),
    ("everyone at home has headaches too", {"carbon_monoxide"}),
    ("my whole family have been getting headaches", {"carbon_monoxide"}),
    ("my husband and kids also have headaches", {"carbon_monoxide"}),
    ("our boiler is faulty", {"carbon_monoxide"}),
    ("the carbon monoxide alarm went off yesterday", {"carbon_monoxide"}),
]

SEE_DOCTOR_CASES = [
    ("it comes on when I cough", {"precipitated"}),
    ("coughing makes it much worse", {"precipitated"}),
    ("gets worse when I sneeze or strain", {"precipitated"}),
    ("triggered by exercise", {"precipitated"}),
    ("it starts during sex", {"precipitated"}),
    ("worse when I stand up, better lying down", {"positional"}),
    ("it goes away when I lie down flat", {"positional"}),
    ("my headaches have been getting steadily worse over the past six weeks", {"progressive"}),
    ("getting worse over the last few months", {"progressive"}),
    ("they've been getting more frequent over the past 3 weeks", {"progressive"}),
    ("the pattern of my headaches has changed", {"progressive"}),
    ("this is not like my usual migraines", {"progressive"}),
    ("they've been getting worse since last year", {"progressive"}),
    ("the headache wakes me up at night", {"wakes_from_sleep"}),
    ("it woke me from my sleep", {"wakes_from_sleep"}),
    ("I've been woken up by the pain", {"wakes_from_sleep"}),
    ("pain behind my left eye, and the eye waters", {"cluster_pattern"}),
    ("one sided pain around my eye with a droopy eyelid", {"cluster_pattern"}),
]

# What is not a warning sign of this person's current headache.
NOT_A_FLAG = [
    # negation
    ("it didn't come on suddenly", NONE),
    ("it didnt come on suddenly", NONE),
    ("it did not come on suddenly, it built up slowly", NONE),
    ("no fever", NONE),
    ("no fever, stiff neck from my desk job", NONE),
    ("I don't have a fever or a rash", NONE),
    ("i dont have a rash", NONE),
    ("I dont have a fever and no rash", NONE),
    ("never lost consciousness", NONE),
    ("I never passed out", NONE),
    ("no weakness or numbness", NONE),
    ("no vision problems", NONE),
    ("no double vision", NONE),
    ("ache in my forehead, no fever, no vision problems, it didn't start suddenly", NONE),
    ("so to be clear: no fever, no rash, it didn't come on suddenly", NONE),
    ("fever? no. rash? no.", NONE),
    ("fever: none", NONE),
    ("I haven't hit my head", NONE),
    ("not the worst headache of my life, just annoying", NONE),
    ("I'm not pregnant", NONE),
    ("no slurred speech", NONE),
    ("without any vomiting", NONE),
    ("nope, no numbness", NONE),
    ("I read that headaches can mean meningitis which scared me, but I don't have a fever or a rash, "
     "it's just tension in my neck", NONE),
    ("I don't feel confused or drowsy", NONE),
    ("it doesn't wake me up", NONE),
    ("it isn't worse when I cough", NONE),
    # family and other people
    ("my dad had a stroke", NONE),
    ("my mum had a brain tumour", NONE),
    ("my sister is pregnant", NONE),
    ("my dad's cancer came back", NONE),
    ("my brother had meningitis as a child", NONE),
    ("strokes run in my family", NONE),
    ("family history of stroke", NONE),
    # worries and questions
    ("I'm worried it's a tumour", NONE),
    ("I'm worried it might be a tumour", NONE),
    ("what if it's a stroke", NONE),
    ("could this be a brain tumor?", NONE),
    ("I'm scared I might have meningitis", NONE),
    ("is it a stroke?", NONE),
    ("Brain tumour?", NONE),
    ("how do I know if it's a stroke", NONE),
    ("I googled my symptoms and now I'm scared of a tumour", NONE),
    # the past
    ("a concussion ten years ago", NONE),
    ("I had a concussion ten years ago", NONE),
    ("I hit my head years ago as a kid", NONE),
    ("I had a seizure as a child", NONE),
    ("I fainted once years ago", NONE),
    ("I hit my head six months ago", NONE),
    ("when I was pregnant with my son I had migraines", NONE),
    ("I had a baby two years ago", NONE),
    # muscular and everyday descriptions
    ("stiff neck from my desk job", NONE),
    ("my neck is stiff from sitting at the computer", NONE),
    ("tension in my neck and shoulders", NONE),
    ("ache in my temples from chewing gum", NONE),
    ("my monitor is too low", NONE),
    ("I clench my jaw", NONE),
    ("I grind my teeth at night", NONE),
    ("my jaw aches from clenching", NONE),
    ("I'm taking painkillers most days", NONE),
    ("it's a dull band around my head", NONE),
    ("pressure behind my eyes after staring at a screen", NONE),
    ("it's a faint ache in my forehead", NONE),
    ("I can't stand the light", NONE),
    ("I can't see a doctor until Monday", NONE),
    ("tight shoulders and a sore back of the head", NONE),
    ("it gets worse at the end of the working day", NONE),
    ("feel a bit sick", NONE),
    ("it's throbbing on both sides", NONE),
    ("I sleep on my stomach with my head turned", NONE),
    ("I carry a heavy bag on one shoulder", NONE),
    ("my headaches started when I began working from home", NONE),
    ("I've had headaches for years", NONE),
    ("it gets better when I have a coffee", NONE),
    ("I'm confused about which painkiller to take", NONE),
    ("I got a headache after a stressful meeting", NONE),
    ("it's been going on for 3 days", NONE),
    ("I have hearing aids", NONE),
    ("I was hunched over my laptop all day", NONE),
    ("the pain is about a 5 out of 10", NONE),
    ("hi, I have a headache", NONE),
    ("", NONE),
    # a possible diagnosis, however it is spelt ("might be a", "cud b a")
    ("it could be a bleed, who knows", NONE),
    ("my gf reckons it may be a tumour lol", NONE),
    ("prob nothing but it cud b a tumor", NONE),
    # "can't say" for "can't tell"
    ("honestly I can't say anything in particular brings them on", NONE),
    ("i cant say a thing has changed", NONE),
    # a thing confused, not a person
    ("my sleep schedule is completely confused after night shifts", NONE),
    ("the satnav got confused and we drove round in circles for an hour", NONE),
    # knocked out of a competition; limbs tired by a workout
    ("we got knocked out of the quiz in the second round", NONE),
    ("my legs are dead after the half marathon and my head aches", NONE),
    ("arms are like jelly from all the press ups at bootcamp", NONE),
    # "second" as a place in a row; "nothing's different" said of the headache
    ("headaches on and off since my second was born", NONE),
    ("we won in the second half", NONE),
    ("my husband says nothing's different about them", NONE),
    # a birth dated long ago in the same breath
    ("headaches ever since our daughter was born, so nearly two years now", NONE),
    # a plane that landed
    ("the flight landed at midnight and I've had a headache ever since", NONE),
]

MIXED = [
    # a negation must not swallow a later warning sign
    ("I don't have a fever, I can't lift my arm", {"neuro_deficit"}),
    ("no fever but my face is drooping", {"neuro_deficit"}),
    ("no rash and now I can't see properly", {"neuro_deficit"}),
    ("My dad had a stroke and now I can't lift my arm", {"neuro_deficit"}),
    ("I'm worried it's a stroke, I can't find the words", {"neuro_deficit"}),
    ("I had a concussion years ago but I hit my head again yesterday", {"recent_head_injury"}),
    ("I'm so scared I can't lift my arm", {"neuro_deficit"}),
    ("not sure if it came on suddenly", {"thunderclap"}),
    ("it won't go away, vomiting all night after I banged my head", {"head_injury_severe"}),
    ("stiff neck from work and I've got a fever too", {"meningism"}),
    ("I'm 30 weeks pregnant and worried about my blood pressure", {"pregnancy"}),
    ("no head injury, but it came on suddenly", {"thunderclap"}),
]

MORE_WORDINGS = [
    ("I have a bad headache and a temperature", {"systemic_symptoms"}),
    ("stiff neck and fever of 38.5", {"meningism"}),
    ("fever, stiff neck", {"meningism"}),
    ("my arm is a bit weak after the gym", {"neuro_deficit"}),
    ("i cant move my arm", {"neuro_deficit"}),
    ("slurred", {"neuro_deficit"}),
    ("i was knocked out", {"altered_consciousness"}),
    ("everything went black and I collapsed", {"altered_consciousness"}),
    ("i fell and hit my head this morning and threw up twice", {"head_injury_severe"}),
    ("i think i hit my head but im not sure", {"recent_head_injury"}),
    ("i had chemo last year", {"immune_or_cancer"}),
    ("I think I might be pregnant", {"pregnancy"}),
    ("coughing makes my head hurt", {"precipitated"}),
    ("thunderclap headache", {"thunderclap"}),
    ("u ok? i have the wrst hedache ever", {"thunderclap"}),
    ("i dont have a stiff neck or a fever or a rash", NONE),
    ("dont have a fever", NONE),
    ("no stiff neck", NONE),
    ("never had a head injury", NONE),
    ("it doesn't get worse when I lie down", NONE),
    ("no numbness, no weakness, no trouble speaking", NONE),
    ("I’m not confused, just tired", NONE),
    ("i dont think i have a fever", NONE),
    ("i cant remember when it started", NONE),
    ("it's like a hammer pounding", NONE),
    ("I have a cough and a headache", NONE),
    ("my eyes are tired from the screen", NONE),
    ("i feel sick and dizzy", NONE),
    ("it came on gradually over the day", NONE),
    ("my partner is on chemo", NONE),
    ("i was pregnant last year", NONE),
    ("She had a stroke last year and I'm scared", NONE),
    ("i have a migraine with aura", NONE),
    ("my vision went blurry and i have a headache", NONE),
    # a morning / waking headache alone is not a change with posture (raised_pressure needs more)
    ("headache every morning", NONE),
]

# What the live run missed (emergencies).
REPORTED_MISSES = [
    ("I think it's from smacking my head on the car boot lid this morning, went down for a "
     "second. since then I've thrown up three times and I can barely keep my eyes open",
     {"head_injury_severe"}),
    ("Typing this for my dad who is 63. He's had a headache since yesterday and today he's "
     "really muddled, keeps asking what day it is and didn't recognise our neighbour this "
     "morning",
     {"altered_consciousness"}),
    ("round my right temple and eye, and about an hour ago the sight in my right eye went dark "
     "like a blind being pulled down, its still mostly gone",
     {"neuro_deficit"}),
]

# Blind probes: text-speak and plain wordings that were missed, and one over-read.
PROBE_MISSES = [
    ("hed came on lyk a bomb 2 mins ago, wrst evr, cnt even think", {"thunderclap"}),
    ("wrst hed evr", {"thunderclap"}),
    ("wrst headache evr", {"thunderclap"}),
    ("worst head ever", {"thunderclap"}),
    ("lyk a bomb", {"thunderclap"}),
    ("it came on lyk a bomb", {"thunderclap"}),
    ("lyk a thunderclap", {"thunderclap"}),
    ("outta nowhere", {"thunderclap"}),
    ("the pain came outta nowhere", {"thunderclap"}),
    ("v bad hed n cnt see prperly out of my left eye since lunch, its all dark on that side",
     {"neuro_deficit"}),
    ("cnt see prperly", {"neuro_deficit"}),
    ("its all dark on one side", {"neuro_deficit"}),
    ("gone dark on the left side", {"neuro_deficit"}),
    ("everything has gone black on the right side", {"neuro_deficit"}),
    ("my words kept coming out jumbled when I was talking to my boss", {"neuro_deficit"}),
    ("words coming out wrong", {"neuro_deficit"}),
    ("my words keep coming out all muddled", {"neuro_deficit"}),
    ("talking gibberish", {"neuro_deficit"}),
    ("couldn't get my words out right", {"neuro_deficit"}),
    ("Every time I cough or sneeze I get a sharp stab in the back of my head that lasts a few "
     "seconds", {"precipitated"}),
    ("when I cough", {"precipitated"}),
    ("coughing makes it worse", {"precipitated"}),
    ("sneezing sets it off", {"precipitated"}),
    ("it stabs whenever I sneeze", {"precipitated"}),
    ("sharp pain at the back of my head each time I strain on the loo", {"precipitated"}),
    ("I sleep on my front with my head turned to the left and often wake up with a headache on "
     "that side and a stiff neck", NONE),
    ("I often wake up with a headache after sleeping funny", NONE),
    ("woke up with a headache and a stiff neck, I think I slept on it wrong", NONE),
    ("woken up by the headache at 3am", {"wakes_from_sleep"}),
    ("the headache woke me up at 3am", {"wakes_from_sleep"}),
    ("it's worse when I lie down", {"positional"}),
    ("lying down makes it worse", {"positional"}),
    ("I wake up with a headache every day and I've been throwing up", {"raised_pressure"}),
    ("my head feels like a bomb about to go off", NONE),
    ("the left side of my head is all dark and bruised", NONE),
    ("I haven't had a cough", NONE),
]

# Written on someone else's behalf: their symptoms are the patient's; family history is not.
PROXY_REPORTS = [
    ("my husband has a headache and he's slurring his words", {"neuro_deficit"}),
    ("asking for my mum, her face has dropped on one side", {"neuro_deficit"}),
    ("my mum's face has dropped and she can't lift her arm", {"neuro_deficit"}),
    ("my son is 8 and has a high temperature and a stiff neck", {"meningism"}),
    ("Asking for my wife, she's 34 weeks pregnant and has a terrible headache", {"pregnancy"}),
    ("my dad had a fall this morning, hit his head and keeps being sick", {"head_injury_severe"}),
    ("my daughter has had a headache since lunch and now she's really drowsy", {"altered_consciousness"}),
    ("writing on behalf of my grandad, he's not making sense and his speech is slurred",
     {"altered_consciousness", "neuro_deficit"}),
    ("my girlfriend woke up with a headache and she's confused", {"altered_consciousness"}),
    ("my partner has a headache and he's on chemo", {"immune_or_cancer"}),
    ("my dad is really confused and has a bad headache", {"altered_consciousness"}),
    ("my wife had a seizure an hour ago", {"altered_consciousness"}),
    ("my dad had a stroke and today I have a headache", NONE),
    ("migraines run in my family", NONE),
    ("my mum died of a brain tumour", NONE),
    ("my grandad passed away from a stroke", NONE),
    ("typing for my son, his grandad had a stroke last week", NONE),
    ("asking for my mum, her sister died of a brain tumour", NONE),
    ("my husband has a headache too", {"carbon_monoxide"}),
    ("my wife is pregnant and I have a headache", NONE),
    ("my mum was diagnosed with cancer", NONE),
    ("my brother suffers from seizures", NONE),
    ("my dad has had a stroke", NONE),
    ("my sister just had a baby", NONE),
    ("my daughter has a headache and says her neck hurts", NONE),
    ("my 7 year old has a headache and keeps being sick, he bumped his head at school yesterday",
     {"head_injury_severe"}),
    # a relative's event told undated is theirs, now (someone writing for them); told as a
    # condition or as history it is family history
    ("my son had a fit", {"altered_consciousness"}),
    ("my son had fits as a baby", NONE),
    ("my husband is slurring his words", {"neuro_deficit"}),
]

MORE_HEAD_INJURY = [
    ("whacked my head on the cupboard door and now I keep being sick", {"head_injury_severe"}),
    ("bashed my head on a low beam, since then I've been puking", {"head_injury_severe"}),
    ("hit my head on the kitchen cabinet an hour ago and was out cold for a bit", {"head_injury_severe"}),
    ("he knocked his head at football and has been sick twice", {"head_injury_severe"}),
    ("she banged her head falling off her bike and now she's so sleepy", {"head_injury_severe"}),
    ("head injury yesterday, chucking up all morning", {"head_injury_severe"}),
    ("I hit my head getting into the car, now i can't stay awake", {"head_injury_severe"}),
    ("banged head on the door frame and threw up", {"head_injury_severe"}),
    ("got knocked out playing rugby", EMERGENCY),
    ("smacked my head on the shelf last week and it still hurts", {"recent_head_injury"}),
    ("hit my head on a low door a fortnight ago", {"recent_head_injury"}),
    ("I banged my head last week and I'm sick of these headaches", {"recent_head_injury"}),
    ("I had a fall last year", NONE),
    ("I fell over last week but didn't hit my head", NONE),
]

MORE_CONSCIOUSNESS = [
    ("he's really muddled", {"altered_consciousness"}),
    ("she's not making sense", {"altered_consciousness"}),
    ("he keeps asking what day it is", {"altered_consciousness"}),
    ("she didn't recognise me", {"altered_consciousness"}),
    ("he's talking nonsense", {"altered_consciousness"}),
    ("my mum is acting strange", {"altered_consciousness"}),
    ("he's just not himself", {"altered_consciousness"}),
    ("she seems disoriented", {"altered_consciousness"}),
    ("im really confussed", {"altered_consciousness"}),
    ("he doesnt know where he is", {"altered_consciousness"}),
    ("blacked out for a few seconds", {"altered_consciousness"}),
    ("i was out cold", {"altered_consciousness"}),
    ("i past out at work", {"altered_consciousness"}),
    ("she was unconcious for a minute", {"altered_consciousness"}),
    ("I feinted in the shower", {"altered_consciousness"}),
    ("he collapsed and wouldn't wake up", {"altered_consciousness"}),
    ("had a siezure", {"altered_consciousness"}),
    ("she was fitting on the floor", {"altered_consciousness"}),
    ("he's very drowsy", {"altered_consciousness"}),
    ("she's hard to wake", {"altered_consciousness"}),
    ("I can barely keep my eyes open", {"altered_consciousness"}),
    ("keeps nodding off mid sentence", {"altered_consciousness"}),
    ("he can't remember how he got home", {"altered_consciousness"}),
    ("keeps asking the same questions over and over", {"altered_consciousness"}),
    ("I'm tired", NONE),
    ("I feel so tired and run down", NONE),
    ("I've been fitting carpets all day and my neck aches", NONE),
    ("I had a fit of coughing", NONE),
    ("the pain went down after ibuprofen", NONE),
    ("i went down to the shop for painkillers", NONE),
    ("I feel sick of these headaches", NONE),
    ("I was sick of waiting", NONE),
    ("I'm knocked out by these painkillers, really tired", NONE),
]

# third person, typos, shorthand; vision loss told as a curtain, a shade, a grey patch
MORE_NEURO = [
    ("he can't move his arm", {"neuro_deficit"}),
    ("she can't lift her right arm", {"neuro_deficit"}),
    ("her face has dropped", {"neuro_deficit"}),
    ("his face is drooping on the left", {"neuro_deficit"}),
    ("he's slurring", {"neuro_deficit"}),
    ("slured speech", {"neuro_deficit"}),
    ("her speech is all garbled", {"neuro_deficit"}),
    ("he can't get his words out", {"neuro_deficit"}),
    ("his left side has gone weak", {"neuro_deficit"}),
    ("she can't feel her leg", {"neuro_deficit"}),
    ("cant lift me arm", {"neuro_deficit"}),
    ("my arm's gone dead and heavy", {"neuro_deficit"}),
    ("tingly face and arm on the left side", {"neuro_deficit"}),
    ("dribbling out of one side of his mouth", {"neuro_deficit"}),
    ("he keeps falling over", {"neuro_deficit"}),
    ("she can't walk in a straight line", {"neuro_deficit"}),
    ("he's seeing double", {"neuro_deficit"}),
    ("dubble vision", {"neuro_deficit"}),
    ("she can't see out of her left eye", {"neuro_deficit"}),
    ("can't see out of one eye", {"neuro_deficit"}),
    ("I've lost the vision in my left eye", {"neuro_deficit"}),
    ("my vision went black in one eye", {"neuro_deficit"}),
    ("there's a grey patch in my vision that won't go", {"neuro_deficit"}),
    ("half my vision is missing", {"neuro_deficit"}),
    ("like a curtain coming down over my eye", {"neuro_deficit"}),
    ("like a shade being drawn over my left eye", {"neuro_deficit"}),
    ("my right eye went dark", {"neuro_deficit"}),
    ("lost vison in my right eye", {"neuro_deficit"}),
    ("everything went black in my left eye", {"neuro_deficit"}),
    ("my eyes are tired from screens", NONE),
    ("blurry after reading all day", NONE),
    ("stiff neck from sleeping funny", NONE),
    ("it's a tension headache from desk work", NONE),
    ("I'm slurring a bit because I had wine", {"neuro_deficit"}),
]

MORE_OTHER = [
    ("she said it's the worst headache of her life", {"thunderclap"}),
    ("he says it came on suddenly like being hit with a bat", {"thunderclap"}),
    ("it felt like a bomb went off in my head", {"thunderclap"}),
    ("10/10 pain within seconds", {"thunderclap"}),
    ("worst headache of me life", {"thunderclap"}),
    ("his neck is stiff and he's burning up", {"meningism"}),
    ("temp 39.5 and can't touch my chin to my chest", {"meningism"}),
    ("feaver and neck stiffness", {"meningism"}),
    ("spots that don't fade when I press a glass on them", {"non_blanching_rash"}),
    ("she has a rash that doesn't go when you press a glass on it", {"non_blanching_rash"}),
    ("she's 30 weeks pregnant and seeing flashing lights", {"preeclampsia"}),
    ("worse in the morning and I was sick of waiting for the GP", NONE),
    ("my sister is pregnant and I have a headache", NONE),
    ("my friend had a seizure last year", NONE),
    ("I'm expecting, 20 weeks", {"pregnancy"}),
    ("my wife is expecting and has a bad headache", {"pregnancy"}),
    ("I have a 3 week old baby", {"pregnancy"}),
    ("I'm expecting a call from the GP", NONE),
    ("I'm in remission from lymphoma", {"immune_or_cancer"}),
    ("I have a low white blood cell count from treatment", {"immune_or_cancer"}),
    ("it's worst first thing and I've been throwing up", {"raised_pressure"}),
    ("the headache goes away when I leave the house", {"carbon_monoxide"}),
    ("I can smell gas in the kitchen", {"carbon_monoxide"}),
    ("I don't recognise this kind of pain", {"progressive"}),
]

# everyday wordings that look like warning signs, and more that are
LOOKALIKES = [
    ("I've had hay fever all week and a headache with it", set()),
    ("it's not like her to complain about a headache", set()),
    ("I have no memory of having headaches as a child", set()),
    ("he's not acting like himself since the headache started", "emergency"),
    ("I've no recollection of the drive home and my head is pounding", "emergency"),
    ("my dad, who never complains, says this is the worst pain he has ever had", "emergency"),
    ("I've never had a seizure before", set()),
    ("I've got a banging head", NONE),
    ("I've got a thumping head after the party", NONE),
    ("I feel like banging my head against a brick wall with my GP", NONE),
    ("the pain went down for a second then came back", NONE),
    ("I was out for a while walking the dog", NONE),
    ("my mum came round in the afternoon", NONE),
    ("my phone fell on the floor", NONE),
    ("I feel a bit out of it after a migraine", NONE),
    ("I don't remember the day it started", NONE),
    ("I don't remember what I ate", NONE),
    ("tingling on the right side of my head", NONE),
    ("it's 38 degrees outside and my neck is stiff", NONE),
    ("I pulled the blind down because of the light", NONE),
    ("I get so sleepy after a migraine", NONE),
    ("the light hurt my head", NONE),
    ("my neck seized up", NONE),
    ("I feel sick again", NONE),
    ("the left side feels heavy", {"neuro_deficit"}),   # the safer reading: one side heavy is weakness
    ("I had a rash but it faded when I pressed a glass on it", NONE),
    ("the rash faded under a glass", NONE),
    ("I'm keeping fit", NONE),
    ("i was falling over and couldnt talk properly", {"neuro_deficit"}),
    ("his arm just flopped to his side", {"neuro_deficit"}),
    ("she can only see half of things", EMERGENCY),
    ("my eye went dark for a few seconds", {"neuro_deficit"}),
    ("a shadow spreading across my vision", {"neuro_deficit"}),
    ("he doesn't remember the accident", {"altered_consciousness"}),
    ("she won't wake up properly", {"altered_consciousness"}),
    ("he collapsed", {"altered_consciousness"}),
    ("my son was out for a few seconds after the tackle", {"altered_consciousness"}),
    ("went down like a sack of potatoes", {"altered_consciousness"}),
    ("he's unresponsive", {"altered_consciousness"}),
    ("hit my head, feel dazed", {"head_injury_severe"}),
    ("headbutted the car door, now really groggy", {"head_injury_severe"}),
    ("knocked my head and she says I'm acting strange", {"head_injury_severe"}),
    ("hit by a car", {"head_injury_major"}),
    ("sick everywhere after hitting my head", {"head_injury_severe"}),
    ("temp 40 and neck stiff", {"meningism"}),
    ("he's boiling hot and can't bend his neck", {"meningism"}),
]

TEXT_CASES = (THUNDERCLAP + NEURO + CONSCIOUSNESS + INFECTION + HEAD_INJURY + EYE + URGENT_CASES
              + SEE_DOCTOR_CASES + NOT_A_FLAG + MIXED + MORE_WORDINGS + REPORTED_MISSES + PROBE_MISSES + PROXY_REPORTS
              + MORE_HEAD_INJURY + MORE_CONSCIOUSNESS + MORE_NEURO + MORE_OTHER + LOOKALIKES)
# A reply to a screen that names items by number is no sign of its own ("numb" in
# "number", "second" in "a second"); "everything" alone is no sign's word.
TEXT_CASES += [
    ("number 1", set()),
    ("numbers three and six", set()),
    ("the second one", set()),
    ("the 1st and the 4th ones", set()),
    ("third and fifth", set()),
    ("la segunda opción", set()),
    ("it went from nothing to unbearable in a second", {"thunderclap"}),
    ("the second I bent down it exploded, worst ever", {"thunderclap"}),
    ("number 2, my left arm is numb", {"neuro_deficit"}),
    ("everything aches today", set()),
    ("everything's fine apart from the headache", set()),
    # a "no" opening the message or a sentence answers what came before: it denies
    # nothing after it, while after a question it still denies what was asked
    ("no, her mouth droops on the left", {"neuro_deficit"}),
    ("Nope - his words are all jumbled", {"neuro_deficit"}),
    ("no, not numb at all", set()),
    ("any numbness? no, none", set()),
    # an ability asked about and answered no is lost; answered yes, kept
    ("can she lift both her arms? she can't", {"neuro_deficit"}),
    ("can he squeeze my fingers with both hands? not really", {"neuro_deficit"}),
    ("can she lift both her arms? yes, no problem", set()),
    # an age reached is no turn; someone who is themselves shows no change
    ("never had headaches before, I turned 61 last month and now get them most days", set()),
    ("no temperature and she's herself, just grumpy with the headache", set()),
    ("he's not himself, keeps forgetting where he is", {"altered_consciousness"}),
    # what makes no difference brings nothing on
    ("sitting up or lying flat makes no difference to the pain", set()),
    ("coughing brings it on, but lying down makes no difference", {"precipitated"}),
    ("it's far worse when I stand up, lying down makes it go", {"positional"}),
    # the writer's own question about themselves, answered
    ("I asked my daughter if my mouth looks crooked and she said yes", {"neuro_deficit"}),
    ("I asked my partner whether my words were coming out wrong, he said no, I'm fine", set()),
    # the fading of a rash asked about and answered no
    ("do her spots fade if you press a glass on them? they don't", {"non_blanching_rash"}),
    ("is it going pale under the glass? nope", {"non_blanching_rash"}),
    ("do the spots fade under a glass? yes they do", set()),
    ("111 asked whether his rash goes white when pressed with a glass. Checked, it doesn't", {"non_blanching_rash"}),
    ("the nurse asked if the spots fade under a glass. They do, and they don't itch", set()),
    ("does it go away with paracetamol? no, not really", set()),
    ("I'm seeing two of everything", {"neuro_deficit"}),
    ("her left hand has hardly any grip when she squeezes mine", {"neuro_deficit"}),
    ("my left arm has gone weak", {"neuro_deficit"}),
    ("I can't see out of my left eye", {"neuro_deficit"}),
]
# Classes of the t32-t35 round (our own wordings, none of the writers')
TEXT_CASES += [
    # an ability said as lost is the sign; the same ability kept is its opposite
    ("she doesnt remember anything about this afternoon and her head hurts", {"altered_consciousness"}),
    ("my husband's arm won't lift above his waist since lunch", {"neuro_deficit"}),
    ("mi abuelo no tiene fuerza en la pierna izquierda", {"neuro_deficit"}),
    ("my memory is fine and I remember the whole day, just a sore neck", set()),
    ("scared it's a stroke but I can lift both arms and talk fine", set()),
    ("dice cosas normales y sabe dónde está, le duele la nuca", set()),
    ("i dont remember the last time my head hurt like this, shoulders are tight", set()),
    # Spanish nonsense talk and not knowing the day, the place or a familiar face
    ("mi tía está hablando puras tonterías sin sentido desde la siesta", {"altered_consciousness"}),
    ("mi papá no sabe en qué año estamos y le duele la cabeza", {"altered_consciousness"}),
    ("no sé qué día empezó, hace unas semanas, es en la nuca", set()),
    # the worst of a week or of years is not the worst of a life
    ("the worst one I've had this month, but it came on slowly after work", set()),
    ("worst headache in years, it built up over the day at my desk", set()),
    ("worst headache of my life this morning", {"thunderclap"}),
    # a condition reaches across "and then" / "or" when it closes after the sign; an "if"
    # that means "whether", or one that never closes, ends at the clause break
    ("if my vision went and then I couldn't speak, I'd ring 999, but it's a dull ache", set()),
    ("she said if it ever starts like a bang or my face droops I should go to A&E", set()),
    ("not sure if it's related and my left leg went numb an hour ago", {"neuro_deficit"}),
    ("my head hurts if i cough and my right arm is weak", {"neuro_deficit", "precipitated"}),
    # a pattern's gap never swallows a denial, whatever punctuation it stops at
    ("it came on gradually, not all of a sudden, and it's not the worst pain of my life", set()),
    # a headache that eases outdoors is carbon monoxide only with others or an appliance
    ("my headache goes once I'm outside in the fresh air", set()),
    ("the kids and I all have headaches at home that clear when we go out", {"carbon_monoxide"}),
    # "stroke" naming a service is no stroke; a friend's own illness is history
    ("the stroke nurse on the ward told dad what to look for, I have a tension headache", set()),
    ("a colleague who had a brain tumour says I should get my headaches checked", set()),
    # a baby's age in months is no recent birth; a function kept and a walk taken are no loss
    ("I have a baby of 9 months I carry on my hip all day, neck and shoulder ache", set()),
    ("I can walk fine and see fine, it's a band round my head", set()),
    ("I took the dog for a walk in the park and the ache is still there", set()),
    ("he's walking like he's drunk and his head is pounding", {"neuro_deficit"}),
    # where the pain goes is no droop
    ("it aches at the temples and down the sides of my face", set()),
    ("yo nunca he tenido nada, hoy me duele la nuca de estar sentada", set()),
    # "n" between two words is "and"; a limb that feels like someone else's is the sign
    ("my leg feels like it's not mine, pins n needles down to my toes", {"neuro_deficit"}),
    # the sight of one eye gone misty or foggy, with a red painful eye
    ("my left eye is red and sore and the sight in that eye is cloudy", {"acute_glaucoma"}),
    ("his eye is bloodshot and painful and everything looks hazy through it", {"acute_glaucoma"}),
    # could not be woken; not their usual self; a trial made is no condition
    ("grandad couldn't be woken properly this morning and has a headache", {"altered_consciousness"}),
    ("my son is not his usual self at all, snapping at everyone, head hurting", {"altered_consciousness"}),
    ("fever of 39 and he cries out when we try to bend his neck forward", {"meningism", "systemic_symptoms"}),
    ("if I try to turn my head it pulls at the shoulder, I sit at a desk all day", set()),
    # a relative whose headache comes later in the sentence: the message is written for them
    ("my wife takes prednisolone for her lupus and now has a pounding headache", {"immune_or_cancer"}),
    ("my mum had breast cancer years ago, I have a tension headache", set()),
    # the Spanish aunt is no TIA
    ("mi tía tuvo un derrame hace años, a mí solo me duele la nuca", set()),
    # Spanish: a sudden onset, a fall from height, not being oneself, pain on coughing
    ("me vino de repente un dolor tremendo en la nuca", {"thunderclap"}),
    ("mi hijo se cayó del andamio y se pegó en la cabeza", {"head_injury_major", "recent_head_injury"}),
    ("mi abuela no parece ella, grita a todos, y le duele la cabeza", {"altered_consciousness"}),
    ("no es el dolor de siempre, es más en la frente", set()),
    ("le duele la cabeza al toser o al agacharse", {"precipitated"}),
    # the eye itself blurry, with a red painful eye
    ("sore red eye and that eye is all misty", {"acute_glaucoma"}),
    # kin named without "my": their own illness is history, unless the message is for them
    ("grandma had a stroke last year, I just have a stiff neck from work", set()),
    ("grandad had a fit twenty minutes ago, I'm typing this for him, he has a headache", {"altered_consciousness"}),
    # care notes' shorthand: "HA", "R"/"L" in capitals, "c/o", "22/40", "PN day 3", "post-ictal"
    ("resident c/o reduced sensation L hand and frontal HA", {"neuro_deficit"}),
    ("24/40, c/o HA and oedema of both ankles", {"preeclampsia", "pregnancy"}),
    ("PN day 3, severe HA since last night", {"pregnancy"}),
    ("found on the floor, post-ictal, HA now", {"altered_consciousness"}),
    ("L eye injected and painful, sees haloes round the lights", {"acute_glaucoma"}),
    ("asked to monitor Mr K for drowsiness overnight, he is alert and chatty, mild HA", set()),
    ("ha ha r u a bot, my neck is tight from the desk", set()),
    # slang and dialect (t37's class): the onset in seconds, "went bang", "never hurt like
    # this", fever as roasting or a raging temp, a neck locked solid, "'s got" is present
    ("went from zero to agony in about two seconds while I was lifting the shopping", {"thunderclap"}),
    ("then my head just went bang, mid sentence", {"thunderclap"}),
    ("I ain't never hurt like this, not once", {"thunderclap"}),
    ("my neck has never hurt like this since I started the new job, tight shoulders too", set()),
    ("my girlfriend's got a stinking temp and her neck's gone rigid", {"meningism", "systemic_symptoms"}),
    ("it's roasting in the office and my neck is tight", set()),
    ("my dad got meningitis as a boy, I've got a tension headache", set()),
    ("fell off a garage roof, about 4 metres, hit my head", {"head_injury_major", "recent_head_injury"}),
    ("she cannae find her words and disnae make sense", {"neuro_deficit", "altered_consciousness"}),
    # Spanish WhatsApp (t39's class): numbness and weakness as patterns, a stiff neck
    # "durísimo", weeks of pregnancy after "tengo", not being recognised, no waking him
    ("se me durmió medio lado de la cara y me duele la cabeza", {"neuro_deficit"}),
    ("tiene la pierna derecha sin fuerza desde la mañana", {"neuro_deficit"}),
    ("me quedé dormida en el sofá y me duele el cuello", set()),
    ("cuello durisimo, la luz me molesta y vomité dos veces", {"meningism_no_fever"}),
    ("tengo 30 semanas y me duele mucho la cabeza", {"pregnancy"}),
    ("llevo 3 semanas con dolor de cabeza", set()),
    ("mi abuelo no nos reconoce y le duele la cabeza", {"altered_consciousness"}),
    ("no hay quien la despierte, tenía dolor de cabeza", {"altered_consciousness"}),
    ("no es el peor dolor de mi vida, es el de siempre", set()),
    # feared, read about, or a relative's: none is the person's sign
    ("me da miedo que sea un derrame, pero solo me duele la frente", set()),
    ("leí que si no puedes hablar es un derrame, yo hablo bien, me duele la nuca", set()),
    # (a relative's fit told in Spanish stays theirs only when the message says so: "le dio una
    # convulsión" is as often an event now, written for them, as a neighbour's story)
    ("a mi esposo le dio una convulsión, nunca le había pasado, y ahora le duele mucho la cabeza", {"altered_consciousness"}),
    ("I worry I'll have a seizure like my cousin did, but it's a tension headache", set()),
    # a first headache is new, not the worst ("first" is no word of the worst for the learned layer)
    ("this is the first one", set()),
    ("first time in my life I've had pain this bad", {"thunderclap"}),
    # Spanish "no se le ..." is a denial (reflexive "se"), "no sé dónde estoy" a lost ability
    ("no se le durmió nada, no tiene la cara torcida y habla bien, solo le duele la cabeza", set()),
    ("no se donde estoy y me duele la cabeza", {"altered_consciousness"}),
]


@pytest.mark.parametrize("text, read", [
    ("pins n needles in my hand", "pins and needles in my hand"),
    ("n", "n"),
    ("no n", "no n"),
    ("weakness R arm, HA", "weakness right arm, headache"),
    ("ha ha r u ok", "ha ha are you ok"),
    # a side's letter before a part of the body, in lower case too
    ("behind r eye", "behind right eye"),
    ("l arm n leg", "left arm and leg"),
    ("how r things", "how are things"),
    # a message all in capitals is shouting, not shorthand
    ("MY MUM HAS A HEADACHE, R U THERE", "my mum has a headache, are you there"),
    # "b" is "be" only after a modal or "to"; weekdays written short
    ("it shud b ok", "it should be ok"),
    ("going to b sick", "going to be sick"),
    ("plan b", "plan b"),
    ("took vitamin b and paracetamol", "took vitamin b and paracetamol"),
    ("since thurs", "since thursday"),
    ("since last wed", "since last wednesday"),
    ("we wed in june", "we wed in june"),
    # apostrophe-less contractions stay what they are
    ("weve been up all night", "weve been up all night"),
    ("youd think itll pass", "youd think itll pass"),
])
def test_the_normaliser_reads_shorthand_only_where_it_is_one(text, read):
    from bot import normalise
    assert normalise.normalise(text).text == read


@pytest.mark.parametrize("text, read", [
    # Spanish spelt as it sounds (s for z or c, b for v, no h, k for qu, y for ll), read as
    # the commoner word of the knowledge files that sounds the same
    ("me duele la cabesa y no beo bien", "me duele la cabeza y no veo bien"),
    ("aora tengo el braso isquierdo dormido", "ahora tengo el brazo izquierdo dormido"),
    ("se me calleron las cosas de la mano, la tengo sin fuersa", "se me cayeron las cosas de la mano, la tengo sin fuerza"),
    # an accent left off is no misspelling; a real word with a rarer twin is kept as written
    ("que dolor tan fuerte, como nunca", "que dolor tan fuerte, como nunca"),
    ("la casa huele a gas", "la casa huele a gas"),
    # only in Spanish or mixed text: an English message keeps its English words
    ("my head hurts and I can see a base of light", "my head hurts and i can see a base of light"),
])
def test_the_normaliser_reads_spanish_spelt_as_it_sounds(text, read):
    from bot import normalise
    assert normalise.normalise(text).text == read


@pytest.mark.parametrize("text, read", [
    # English spelt by ear, more than one edit from the word (f for ph, k for ch), read as
    # the one word of the knowledge files that sounds the same
    ("HAD KEMO LAST MONTH FOR LIMFOMA", "had chemo last month for lymphoma"),
    ("my arm went numm and i had a sezure", "my arm went numb and i had a seizure"),
    # a word that is known, or that sounds like none of them, is kept as written
    ("the fone rang and my head hurts", "the fone rang and my head hurts"),
    ("kemo", "chemo"),
    # a possessive keeps its s: the stem is what is spelt ("grandad's face", not "grandad face")
    ("My grandad's face dropped", "my grandads face dropped"),
    ("my nan’s speech", "my nans speech"),
    # ea said as e ("hed", "hedache")
    ("a bad hedache since tea time", "a bad headache since tea time"),
    # one edit from two words of the knowledge files, as alike: the likelier slip (a vowel for a
    # vowel, a key for its neighbour); an inflection the lemma table knows is a word
    ("she had cencer two years ago", "she had cancer two years ago"),
    ("dizzier and drowsier than yesterday", "dizzier and drowsier than yesterday"),
    # a misspelling the patterns look for is read as written, not as another word first
    ("seeing dubble since lunch", "seeing dubble since lunch"),
])
def test_the_normaliser_reads_english_spelt_by_ear(text, read):
    from bot import normalise
    assert normalise.normalise(text).text == read


@pytest.mark.parametrize("word, sound", [
    ("chemo", "kemo"), ("lymphoma", "limfoma"), ("knee", "ne"), ("seizure", "seisure"), ("whack", "wak"),
])
def test_how_an_english_word_sounds(word, sound):
    from bot import normalise
    assert normalise.english_sound(word) == sound


@pytest.mark.parametrize("word, sound", [
    ("cabeza", "kabesa"), ("cabesa", "kabesa"), ("vómito", "bomito"), ("hormigueo", "ormijeo"),
    ("hormigeo", "ormijeo"), ("izquierdo", "iskierdo"), ("desmayé", "desmaye"), ("desmallé", "desmaye"),
    ("noche", "noche"), ("niño", "niño"),
])
def test_how_a_spanish_word_sounds(word, sound):
    from bot import normalise
    assert normalise.spanish_sound(word) == sound
TEXT_CASES += [
    ("the light hurts my eyes, I've vomited twice and I can't bend my neck forward", {"meningism_no_fever"}),
    ("migraine with light sensitivity and nausea, my neck feels a bit tight", set()),
]
# Classes of language of the i-round (our own wordings, none of the blind set's)
TEXT_CASES += [
    # a lost ability said with a negation, read by the learned layer: the negation is the sign
    ("she could not remember whether she had taken her pills or who visited", {"altered_consciousness"}),
    ("he doesnt even know where he is, headache since lunch", {"altered_consciousness"}),
    ("my memory is fine and I know where I am, just a tight neck", set()),
    # mistaking the day or the time
    ("my grandad thinks it's Christmas when it's June and has a headache", {"altered_consciousness"}),
    ("mi abuela cree que es domingo y hoy es martes, y le duele la cabeza", {"altered_consciousness"}),
    # a denial inside a pattern's gap, or after the body part
    ("my mouth isn't drooping, I just have a tension headache", set()),
    ("his speech is not slurred and his face isn't lopsided", set()),
    ("her face hasn't dropped but her arm is weak", {"neuro_deficit"}),
    ("my face has dropped on one side", {"neuro_deficit"}),
    # a check that came out normal; looking a body part over for a sign
    ("did the arm test, both arms stay up fine, headache over my eyes", set()),
    ("been staring at my face in the mirror for signs of a droop, head aches from stress", set()),
    # a rash that fades under the glass, Spanish plurals
    ("tiny spots on her tummy, I tried the glass test and they faded right away", set()),
    ("le salieron manchas y no se quitan cuando aprieto el vaso", {"non_blanching_rash"}),
    ("las manchitas se borran si aprieto un vaso encima", set()),
    # a relative's named illness told as history, also in a message about someone else
    ("my son has a headache today; my late father had a stroke that left his arm weak", set()),
    ("my dad has a terrible headache and had a stroke an hour ago, his face dropped", {"neuro_deficit"}),
    # a pregnancy that is over
    ("back when I was pregnant with my eldest I got headaches a lot", set()),
    ("I'm 32 weeks pregnant and have a headache; in my last pregnancy I had none", {"pregnancy"}),
    # "straight" meaning directly
    ("if it gets worse should I go straight to the er?", set()),
    # a lifetime without headaches: a new headache, not the worst one
    ("I'm 61 and my entire life not a single headache; for a fortnight now a dull ache each evening", set()),
    ("her whole life without one, and now she aches in the afternoons", set()),
    ("my gran has never had a headache in her life and now she gets one every afternoon", set()),
    ("toda mi vida sin dolores de cabeza y ahora me duele un poco cada tarde", set()),
    ("all my life I never had one like this, it is the worst", {"thunderclap"}),
    ("never had a headache this bad in my life", {"thunderclap"}),
    # a childhood, or a past year, told as the time of a sign
    ("when I was a lad I fell off a ladder and was out cold for a while. Today's ache is from my desk", set()),
    ("got knocked out playing rugby that was 1994 now just a tension headache", set()),
    ("when I was a lad I got headaches; today my arm went numb", {"neuro_deficit"}),
    # needing to be shaken awake, asleep mid-task; an unsteady body; the clinical words
    ("granda has a headache and i had to shake him three times before he opened his eyes", "emergency"),
    ("mi abuela tiene dolor de cabeza y tuve que sacudirla para que despertara", "emergency"),
    ("headache, and he nodded off at tea with the fork still in his hand", "emergency"),
    ("headache and she is swaying about when she stands, grabbing the walls", "emergency"),
    ("off-duty nurse: ataxic since this morning, occipital headache", "emergency"),
    ("I had to shake his hand at the meeting while my head was pounding", set()),
    ("my tooth is wobbling about and my jaw aches", set()),
    # a fever told as a temperature alone; not the weather
    ("stiff neck since lunch and the thermometer says 39.4", {"meningism"}),
    ("40°C and my neck won't bend", {"meningism"}),
    ("it's 39 degrees in the shade and my neck is stiff from the desk", set()),
    # a neck that will not bend or budge; light that stabs the eyes
    ("she has a fever and her neck won't budge", {"meningism"}),
    ("my neck won't turn to the left after sleeping funny", set()),
    ("sunlight stabs my eyes, neck rigid, I've vomited", {"meningism_no_fever"}),
    # one side of the body gone weak, its apostrophe dropped by the normaliser
    ("her right side's gone weak", {"neuro_deficit"}),
    # gestational weeks after who is pregnant; "until" ends a negation; a backward reach ends at a clause
    ("she is 30 weeks and has a pounding headache", {"pregnancy"}),
    ("at 33 weeks gestation with a headache", {"pregnancy"}),
    ("im 20 weeks into a new job and stressed, tension headache", set()),
    ("I've had this headache for 12 weeks", set()),
    ("headache for 3 weeks now, on and off", set()),
    ("me duele la cabeza desde hace dos semanas", set()),
    ("31 wks now and my head is pounding", {"pregnancy"}),
    ("29 wk pg and my head is pounding", {"pregnancy"}),
    # a familiar place not recognised, an old place taken for today's
    ("since lunch he thinks he is at his old school and he didn't recognise the kitchen, bad headache",
     {"altered_consciousness"}),
    ("she didn't recognise the room she sleeps in", {"altered_consciousness"}),
    ("no headaches ever until this pregnancy, 25 weeks now", {"pregnancy"}),
    ("had my baby two weeks ago and I never used to get headaches", {"pregnancy"}),
    # carbon monoxide ruled out by the writer; an alarm that goes off is the sign
    ("the carbon monoxide alarm is silent and no one else at home has a headache", set()),
    ("just me with the headache, the kids are fine; no gas in this flat", set()),
    ("our CO detector went off and my head is pounding", {"carbon_monoxide"}),
    # compared with worse headaches
    ("I've had much worse than this, it's a 3/10 from my shoulders", set()),
    ("not even close to the worst, just a nagging ache", set()),
    ("I have never felt worse in my life, it came out of nowhere", {"thunderclap"}),
    ("she's had far worse than this, it's her usual tension one", set()),
    ("nunca me había dolido tanto la cabeza", {"thunderclap"}),
    ("a 5, maybe a 6 at its worst", set()),
    # waking with a headache is raised pressure only with its other half (vomiting, a noise, blackouts)
    ("most mornings I wake with my temples aching from clenching", set()),
    ("every morning I wake with a pounding head and I've thrown up twice this week", "urgent"),
    ("at worst it is the worst headache of my life", {"thunderclap"}),
    # idioms: a lifetime of memory, a muddle about a choice
    ("I've had tension headaches for as long as I can remember", set()),
    # the relative has the headache now, told with 'a bad head' or a Spanish past tense
    ("my son had a seizure an hour ago and he's had a bad head all day", {"altered_consciousness"}),
    ("mi hermana tenía dolor de cabeza desde la mañana y luego tuvo una convulsión", {"altered_consciousness"}),
    # sleep as rest, a remedy or a routine is no drowsiness; being hard to keep awake is
    ("it lasts an hour or so, then I can get back to sleep", set()),
    ("mostly I just sleep it off", set()),
    ("a nap usually helps", set()),
    ("they last from the end of the afternoon until I go to bed", set()),
    ("he keeps going to sleep in the middle of talking to me", {"altered_consciousness"}),
    ("she went to sleep after the headache and we can't wake her properly", {"altered_consciousness"}),
    # everyday ways of saying no sign (the cw round): a denial by forgetting, "nothing
    # different", the worst of a time, pain that lasts seconds, tiredness said strongly, a
    # point in the week, a sign dated at an age, a past dated across "but"
    ("I can't remember the last time I had a temperature", set()),
    ("years, nothing different lately", set()),
    ("Saturdays are the worst for it", set()),
    ("a sharp twinge that lasts a few seconds then goes", set()),
    ("knocked out tired after a run of night shifts", set()),
    ("once or twice a week, worse at the end of the week", set()),
    ("I fainted once aged 14 giving blood, nothing since", set()),
    ("I got concussed playing rugby, but that was twenty years ago", set()),
    ("I was knocked out once, but that was in the army about thirty years ago", set()),
    # ... and the signs beside them still read
    ("it went from nothing to the worst pain of my life within seconds", "emergency"),
    ("she fainted once at 10 past 3 today and her head is pounding", {"altered_consciousness"}),
    ("my headaches are getting worse every week", {"progressive"}),
    ("she can't remember the last hour at all", {"altered_consciousness"}),
    ("on and off for half a yr", set()),
    ("it lasts til i sleep", set()),
    ("half my face has gone numb", "emergency"),
    # ... and what those rules must never reach (the review of the cw round)
    ("it's at its worst in the mornings and I've vomited a few times", {"raised_pressure"}),
    ("she's going to sleep all the time since she hit her head", "emergency"),
    ("i remember the last time i had a rash that didnt fade, its back", "emergency"),
    ("i can't remember the last time i was this confused", {"altered_consciousness"}),
    ("sudden worst headache ever but it was like the one I had 10 years ago", "emergency"),
    ("bad headache and she fainted once at 11", {"altered_consciousness"}),
    ("he hit his head, but that was at the park about two days ago", {"recent_head_injury"}),
]


def _check(found_ids: set[str], expected) -> None:
    found_level = highest(red_flags.rule(i)["level"] for i in found_ids)
    if isinstance(expected, str):
        assert found_level == expected, f"found {sorted(found_ids)}"
        return
    if not expected:
        assert found_ids == set(), f"needless flags {sorted(found_ids)}"
        return
    assert expected <= found_ids, f"missed {sorted(expected - found_ids)}; found {sorted(found_ids)}"
    expected_level = highest(red_flags.rule(i)["level"] for i in expected)
    assert found_level == expected_level, f"found {sorted(found_ids)} (too high)"


def test_the_corpus_is_large_and_covers_every_concept_rule():
    assert len(TEXT_CASES) >= 380
    expected_ids = set().union(*(e for _, e in TEXT_CASES if isinstance(e, set)))
    concept_rules = {i for i in red_flags.all_rule_ids() if "when" not in red_flags.rule(i)}
    assert concept_rules - {"gca"} <= expected_ids   # gca needs an age: see test_gca_needs_age_over_50


# Known limits of the learned recall layer (bot/red_flag_model.py), kept visible: each is
# expected to fail, and the run fails when one starts passing (strict), so the list
# shrinks as the layer improves: over-readings of everyday words. ("dubble vision", read
# "bubble vision" by the speller, has been read as double vision since the q-round.)
KNOWN_LIMITS = {
    "my mum came round in the afternoon",
    "my phone fell on the floor", "tingling on the right side of my head",
}


@pytest.mark.parametrize("text, expected", [
    pytest.param(t, e, marks=pytest.mark.xfail(strict=True, reason="known limit of the learned layer"))
    if t in KNOWN_LIMITS else (t, e) for t, e in TEXT_CASES], ids=[t[:60] or "empty" for t, _ in TEXT_CASES])
def test_detect(text, expected):
    _check({f.id for f in red_flags.detect(text)}, expected)


# One definition read twice (red_flags.yml `lifetime_without_headaches`): the history
# parser reads a lifetime without headaches as a new headache, and the detector never as
# the worst one; with a comparison it is the worst headache of a life for both.
@pytest.mark.parametrize("text, history, thunderclap", [
    ("not a single headache my whole life, and this week one every day", "new", False),
    ("he never got a headache in all his life before this", "new", False),
    ("en toda mi vida ni un dolor de cabeza, y ahora esto", "new", False),
    ("never had pain like this in all my life", "new", True),
    ("my whole life, never anything as bad as this", "longstanding", True),
])
def test_a_lifetime_without_headaches_reads_alike_for_history_and_detector(text, history, thunderclap):
    from bot.understanding import parse_history
    assert parse_history(text) == history
    assert ("thunderclap" in {f.id for f in red_flags.detect(text)}) is thunderclap


def test_detect_reports_the_persons_words_and_sources():
    flags = {f.id: f for f in red_flags.detect("Honestly it's the WORST headache of my life")}
    assert flags["thunderclap"].evidence == "WORST headache of my life"
    assert flags["thunderclap"].level == EMERGENCY
    assert "NICE-CG150" in flags["thunderclap"].sources
    assert flags["thunderclap"].label


def test_evidence_keeps_the_original_apostrophes():
    evidence = red_flags.detect("well I can't lift my arm")[0].evidence
    assert evidence == "can't lift my arm"


def test_concepts_in():
    assert red_flags.concepts_in("fever and I can't lift my arm") == {"fever", "limb_weakness"}
    assert red_flags.concepts_in("no fever and no rash") == set()


# --------------------------------------------------------------------------- across messages

def _conversation(*messages: str, facts: Facts = Facts()) -> set[str]:
    concepts, evidence = set(), {}
    for message in messages:
        for concept in red_flags.concepts_in(message):
            concepts.add(concept)
            evidence.setdefault(concept, message)
    return {f.id for f in red_flags.evaluate(concepts, facts, evidence)}


def test_fever_then_stiff_neck_in_a_later_message_is_meningism():
    assert "meningism" in _conversation("I've got a fever", "oh and my neck is really stiff")


def test_stiff_neck_without_fever_is_not_meningism():
    assert _conversation("my neck is stiff", "no fever") == set()


def test_head_injury_then_vomiting_later_is_severe():
    assert "head_injury_severe" in _conversation("I hit my head on Monday", "today I keep vomiting")


def test_a_proxy_report_then_he_or_she_in_a_later_message_counts():
    assert "altered_consciousness" in _conversation(
        "typing this for my dad, he has a bad headache", "now he keeps asking what day it is")


def test_sleepy_alone_is_not_an_emergency_but_after_a_head_injury_it_is():
    assert _conversation("I'm so sleepy today") == set()
    assert "head_injury_severe" in _conversation("I banged my head this morning", "now I'm so sleepy")


@pytest.mark.parametrize("about_a_relative, proxy_report, expected", [
    ("my sister is pregnant", "asking for my sister, she's pregnant and has a headache", "pregnancy"),
    ("my son has epilepsy", "typing this for my son. he had a fit an hour ago", "altered_consciousness"),
    ("my partner is on chemo", "my partner has a bad headache and is on chemo", "immune_or_cancer"),
])
def test_a_relatives_state_counts_only_when_the_message_is_written_for_them(about_a_relative, proxy_report,
                                                                          expected):
    assert {f.id for f in red_flags.detect(about_a_relative)} == set()
    assert expected in {f.id for f in red_flags.detect(proxy_report)}


@pytest.mark.parametrize("text", [
    "typing this for my dad, his mum died of a brain tumour",
    "asking for my mum, my dad had a stroke",
    "asking for my son, strokes run in the family",
    "writing for my wife, family history of cancer",
])
def test_family_history_does_not_count_even_in_a_proxy_report(text):
    assert red_flags.detect(text) == []


def test_evaluate_uses_the_given_evidence():
    flags = red_flags.evaluate({"fever", "stiff_neck"}, Facts(), {"fever": "hot", "stiff_neck": "neck"})
    meningism = next(f for f in flags if f.id == "meningism")
    assert meningism.evidence == "hot; neck"


@pytest.mark.parametrize("age, expected", [(None, set()), (35, set()), (50, set()), (51, {"gca"}), (72, {"gca"})])
def test_gca_needs_age_over_50(age, expected):
    concepts = red_flags.concepts_in("my jaw hurts when I chew and my scalp is tender")
    assert {"jaw_claudication", "scalp_tenderness"} <= concepts
    found = {f.id for f in red_flags.evaluate(concepts, Facts(age=age), {})}
    assert found == expected


@pytest.mark.parametrize("text", [
    "it hurts to chew", "my jaw aches when I eat", "my scalp is sore when I brush my hair",
    "blurry vision", "tender temples"])
def test_gca_wordings_at_72(text):
    found = {f.id for f in red_flags.evaluate(red_flags.concepts_in(text), Facts(age=72), {})}
    assert "gca" in found


# --------------------------------------------------------------------------- fact rules

@pytest.mark.parametrize("facts, expected", [
    (Facts(), set()),
    (Facts(history="new", age=51), {"new_after_50"}),
    (Facts(history="new", age=50), set()),
    (Facts(history="longstanding", age=70), set()),
    (Facts(history="new", age=None), set()),
    (Facts(frequency_days=15), {"chronic_daily"}),
    (Facts(frequency_days=14), set()),
    (Facts(medication_days=15, medication_kind="simple"), {"medication_overuse_simple"}),
    (Facts(medication_days=14, medication_kind="simple"), set()),
    (Facts(medication_days=10, medication_kind="triptan"), {"medication_overuse"}),
    (Facts(medication_days=10, medication_kind="opioid"), {"medication_overuse"}),
    (Facts(medication_days=12, medication_kind="combination"), {"medication_overuse"}),
    (Facts(medication_days=9, medication_kind="triptan"), set()),
    (Facts(medication_days=10, medication_kind=None), {"medication_overuse"}),
    (Facts(medication_days=0, medication_kind=None), set()),
    (Facts(medication_days=20, medication_kind="simple", frequency_days=20),
     {"medication_overuse_simple", "chronic_daily"}),
])
def test_fact_rules(facts, expected):
    flags = red_flags.evaluate(set(), facts, {})
    assert {f.id for f in flags} == expected
    assert all(f.level == SEE_DOCTOR and f.evidence for f in flags)


# --------------------------------------------------------------------------- screens

TYPICAL = Facts(regions=("neck",), age=35, history="longstanding")


def ids_of(facts: Facts, concepts=frozenset()) -> dict[str, list[str]]:
    return {s.id: [i.id for i in s.items] for s in red_flags.screens_to_ask(facts, set(concepts))}


def test_three_screens_cover_every_sign_of_clinical_md_in_three_replies():
    screens = ids_of(Facts())
    assert list(screens) == ["emergency", "urgent", "doctor"]
    rules = {red_flags.rule(item.rule)["level"] for s in red_flags.all_screens() for item in s.items}
    assert rules == {EMERGENCY, URGENT, SEE_DOCTOR}
    emergency_rules = {i.rule for i in red_flags.screen("emergency").items}
    # a bad head injury, a rash that doesn't fade and meningism without a fever are
    # asked within other items' words
    assert emergency_rules == {r for r in red_flags.all_rule_ids() if red_flags.rule(r)["level"] == EMERGENCY
                               and r not in ("head_injury_major", "non_blanching_rash", "meningism_no_fever")}
    assert "light hurting the eyes" in next(i.text for i in red_flags.screen("emergency").items
                                            if i.rule == "meningism")


def test_every_screen_item_fires_its_rule_at_its_level():
    for screen in red_flags.all_screens():
        for item in screen.items:
            flag, = red_flags.from_screen_answers({item.id: "yes"}, Facts(age=70))
            assert flag.id == item.rule and flag.evidence == item.label and flag.evidence_kind == "chose"


def test_screen_texts_name_what_they_ask_about():
    items = {i.id: i for s in red_flags.screens_to_ask(Facts(age=70, regions=("eyes",)), set()) for i in s.items}
    assert all(word in items["gca"].text.lower() for word in ("jaw", "chew", "scalp"))
    assert all(word in items["immune"].text.lower() for word in ("immune system", "transplant"))
    assert "fever" in items["meningism"].text.lower() and "glass" in items["meningism"].text.lower()


def test_the_emergency_screen_does_not_use_the_words_of_lesser_signs():
    """So that an answer about a lesser sign ("my vision is blurry", "I've been sick") is
    not read as an emergency item: the emergency screen says sight, vomiting."""
    words = " ".join(i.text for i in red_flags.screen("emergency").items).lower()
    for lesser in ("vision", "sick", "wake", "jaw", "pregnan", "cough"):
        assert lesser not in words, lesser


def test_gca_item_over_50_and_noted_when_age_unknown():
    assert "gca" in ids_of(Facts(age=51))["urgent"]
    assert "gca" not in ids_of(Facts(age=50))["urgent"]
    unknown = {i.id: i for i in red_flags.screens_to_ask(Facts(), set())[1].items}
    assert unknown["gca"].text.startswith("if you're over 50")
    assert "pregnancy" not in ids_of(Facts(age=70))["urgent"]
    assert "pregnancy" in ids_of(Facts(age=30))["urgent"]


def test_eye_items_depend_on_where_it_hurts():
    assert "cluster" in ids_of(Facts(age=30, regions=("eyes",)))["doctor"]
    assert "cluster" in ids_of(Facts(age=30))["doctor"]              # unknown region: ask
    assert "cluster" not in ids_of(Facts(age=30, regions=("neck", "back_of_head")))["doctor"]


def test_items_already_said_in_words_are_left_out():
    concepts = red_flags.concepts_in("I've had a kidney transplant and my headaches wake me up")
    screens = ids_of(TYPICAL, concepts)
    assert "immune" not in screens["urgent"] and "wakes" not in screens["doctor"]
    assert "thunderclap" in screens["emergency"]
    # a fever alone does not answer the fever-with-stiff-neck item
    assert "meningism" in ids_of(TYPICAL, {"fever"})["emergency"]


@pytest.mark.parametrize("answers, expected", [
    ({}, set()),
    ({"thunderclap": "yes"}, {"thunderclap"}),
    ({"weakness_speech": "unsure"}, {"neuro_deficit"}),
    ({"gca": "yes", "immune": "yes"}, {"gca", "immune_or_cancer"}),
    ({"meningism": "yes"}, {"meningism"}),
    ({"recent_head_injury": "yes"}, {"recent_head_injury"}),
    ({"pattern_change": "unsure", "precipitated": "yes"}, {"progressive", "precipitated"}),
])
def test_from_screen_answers(answers, expected):
    assert {f.id for f in red_flags.from_screen_answers(answers, Facts(age=60))} == expected


def test_unsure_is_the_safer_answer_and_says_so():
    flag, = red_flags.from_screen_answers({"thunderclap": "unsure"})
    assert flag.level == EMERGENCY and flag.evidence_kind == "unsure"


def test_a_known_age_rules_out_gca_chosen_on_the_screen():
    assert red_flags.from_screen_answers({"gca": "yes"}, Facts(age=40)) == []


def test_from_screen_answers_rejects_unknown_items_and_answers():
    with pytest.raises(KeyError):
        red_flags.from_screen_answers({"no_such_item": "yes"})
    with pytest.raises(ValueError):
        red_flags.from_screen_answers({"thunderclap": "maybe"})


def test_every_rule_cites_known_sources_and_a_level():
    for rule_id in red_flags.all_rule_ids():
        r = red_flags.rule(rule_id)
        assert r["sources"] and r["label"]
        assert r["level"] in (EMERGENCY, URGENT, SEE_DOCTOR)
    assert len(set(red_flags.all_rule_ids())) == len(red_flags.all_rule_ids())


def test_rule_lookup():
    assert red_flags.rule("meningism")["all"] == ["fever", "stiff_neck"]
    with pytest.raises(KeyError):
        red_flags.rule("nope")


@pytest.fixture
def knowledge_copy(tmp_path, monkeypatch):
    """A writable copy of the knowledge files, loaded instead of the real ones."""
    for name in ("sources", "red_flags", "lookalikes", "sign_vocabulary"):
        shutil.copy(knowledge.KNOWLEDGE_DIR / f"{name}.yml", tmp_path / f"{name}.yml")

    def clear():
        knowledge.load.cache_clear()
        knowledge.source_keys.cache_clear()
        red_flags._knowledge.cache_clear()

    monkeypatch.setattr(knowledge, "KNOWLEDGE_DIR", tmp_path)
    clear()
    yield tmp_path
    monkeypatch.undo()
    clear()


def _mutate(directory, change):
    path = directory / "red_flags.yml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(yaml.safe_dump(content), encoding="utf-8")


BROKEN = {
    "duplicate rule id": lambda c: c["rules"].append(dict(c["rules"][0])),
    "unknown level": lambda c: c["rules"][0].update(level="panic"),
    "unknown source": lambda c: c["rules"][0].update(sources=["WIKIPEDIA"]),
    "no sources": lambda c: c["rules"][0].pop("sources"),
    "unknown concept in a rule": lambda c: c["rules"][0].update(any=["telepathy"]),
    "screen item about an unknown rule": lambda c: c["screens"][0]["items"][0].update(rule="nope"),
    "duplicate screen item id": lambda c: c["screens"][1]["items"].append(dict(c["screens"][0]["items"][0])),
    "screen item without a label": lambda c: c["screens"][0]["items"][0].pop("label"),
    "unknown until": lambda c: c["context_rules"][5].update(until="forever"),
    "near and not_near": lambda c: c["context_rules"][5].update(near="x", not_near="y"),
    "not_near broken": lambda c: c["context_rules"][5].update(not_near="(unclosed"),
    "rule alone with an unknown concept": lambda c: c["rules"][0].update(alone=["telepathy"]),
    "bad regex": lambda c: c["concepts"][0]["patterns"].append("(unclosed"),
    "duplicate concept": lambda c: c["concepts"].append(dict(c["concepts"][0])),
    "unknown fact condition": lambda c: c["fact_rules"][0].update(when={"moon_phase": "full"}),
    "unknown context category": lambda c: c["context_rules"][0].update(category="MAYBE"),
    "missing section": lambda c: c.pop("screens"),
    "fact rule id clashes with a rule": lambda c: c["fact_rules"][0].update(id="thunderclap"),
    "bad proxy_report pattern": lambda c: c["proxy_report"].append("(unclosed"),
    "proxy_report not a list": lambda c: c.update(proxy_report="typing for my dad"),
    "off_in_proxy_report on a negation": lambda c: next(
        r for r in c["context_rules"] if r["category"] == "NEGATED_EXISTENCE").update(off_in_proxy_report=True),
    "unknown proxy_report_keeps": lambda c: next(
        r for r in c["context_rules"] if r.get("off_in_proxy_report")).update(proxy_report_keeps=["telepathy"]),
    "pattern_from an unknown name": lambda c: next(
        r for r in c["context_rules"] if r.get("pattern_from")).update(pattern_from="lost_ability"),
    "pattern_from beside a pattern": lambda c: next(
        r for r in c["context_rules"] if r.get("pattern_from")).update(pattern="x"),
    "named pattern missing": lambda c: c.pop("lifetime_without_headaches"),
    "named pattern broken": lambda c: c.update(lifetime_without_headaches="(unclosed"),
    "failing_function missing": lambda c: c.pop("failing_function"),
    "failing_function broken": lambda c: c.update(failing_function="(unclosed"),
    "ability_lost_after not a pattern": lambda c: c.update(ability_lost_after=["weak"]),
    "lost_ability broken": lambda c: c.update(lost_ability="(unclosed"),
    "birth_by_other not a mapping": lambda c: c.update(birth_by_other="(my wife)"),
    "birth_by_other unknown concept": lambda c: c["birth_by_other"].update(concept="labour"),
    "birth_by_other a list missing": lambda c: c["birth_by_other"].pop("writer_is_father"),
    "birth_by_other broken": lambda c: c["birth_by_other"].update(partner_birth=["(unclosed"]),
}


@pytest.mark.parametrize("change", list(BROKEN.values()), ids=list(BROKEN))
def test_a_malformed_file_is_refused(knowledge_copy, change):
    _mutate(knowledge_copy, change)
    with pytest.raises(KnowledgeError):
        red_flags.all_rule_ids()


def test_a_malformed_companion_list_is_refused(knowledge_copy):
    path = knowledge_copy / "sign_vocabulary.yml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    content["vocabulary"]["raised_pressure_signs"]["with_one_of"] = ["vomit"]
    path.write_text(yaml.safe_dump(content), encoding="utf-8")
    with pytest.raises(KnowledgeError):
        red_flags.all_rule_ids()


@pytest.mark.parametrize("patterns", [
    {"drowsiness": [{"literal": "broken", "pattern": "(unclosed"}]},
    {"drowsiness": [{"pattern": "\\bnap\\b"}]},                      # no literal
    {"telepathy": [{"literal": "x", "pattern": "\\bx\\b"}]},           # no such sign listed
])
def test_a_malformed_lookalike_pattern_is_refused(knowledge_copy, patterns):
    path = knowledge_copy / "lookalikes.yml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    content["patterns"] = patterns
    path.write_text(yaml.safe_dump(content), encoding="utf-8")
    with pytest.raises(KnowledgeError):
        red_flags.all_rule_ids()


def test_the_unchanged_copy_loads(knowledge_copy):
    _mutate(knowledge_copy, lambda c: None)
    assert "thunderclap" in red_flags.all_rule_ids()


# Words many patterns share (who a relative can be) are written once under `shared_words`
# and put in where a pattern says {{name}}.

def test_shared_words_are_put_in_where_a_pattern_names_them(knowledge_copy):
    raw = (knowledge_copy / "red_flags.yml").read_text(encoding="utf-8")
    assert "{{relatives}}" in raw
    loaded = knowledge.load("red_flags")
    assert "stepdaughter" in red_flags.shared_words("relatives")      # kept for the parsers too
    patterns = [rule.get("pattern", "") for rule in loaded["context_rules"]]
    assert not any("{{" in pattern for pattern in patterns)
    assert any("grandma|" in pattern and "stepdaughter" in pattern for pattern in patterns)


@pytest.mark.parametrize("change, says", [
    (lambda c: c["context_rules"][0].update(pattern=r"\b{{nobody}}\b"), "nobody"),
    (lambda c: c.update(shared_words=["relatives"]), "shared_words"),
    (lambda c: c["shared_words"].update(relatives=["mum", "dad"]), "shared_words"),
    (lambda c: c["shared_words"].update(relatives="(mum|{{relatives_es}})"), "shared_words"),
], ids=["unknown name", "not a mapping", "not words", "names another"])
def test_shared_words_used_wrongly_are_refused(knowledge_copy, change, says):
    _mutate(knowledge_copy, change)
    with pytest.raises(KnowledgeError, match=says):
        red_flags.all_rule_ids()


# ---------------------------------------------------------------- on someone's behalf,
# across messages: "typing this for my dad" in one message, "my dad had a seizure" in
# the next is the dad's (the patient's) seizure, not family history.

def conversation_concepts(*texts: str) -> set[str]:
    from bot import interview

    return {concept for concept, _ in interview.mentions_from_messages(
        (text, interview.warning_sign_entities(text)) for text in texts)}


@pytest.mark.parametrize("texts, expected", [
    (["I'm typing this for my dad", "my dad had a seizure"], {"seizure"}),
    (["my dad had a seizure", "sorry, I'm asking on behalf of my dad"], {"seizure"}),
    (["asking for my mum", "my mum has a fever", "and a stiff neck"], {"fever", "stiff_neck"}),
    (["I'm typing this for my dad", "my dad had a stroke years ago"], set()),       # still history
    (["I'm typing this for my dad", "my dad has no fever"], set()),                 # still negated
    (["I'm typing this for my dad", "his brother has epilepsy"], set()),            # his family
    (["my dad had seizures"], set()),                                              # family history
    # a sign someone has now counts: the person writing is asking for them
    (["I get headaches", "my mum has a fever"], {"fever"}),
    (["I'm typing this for my dad", "he is confused and slurring"], {"confusion", "speech_problem"}),
], ids=["proxy first", "proxy later", "three messages", "historical", "negated", "his family",
        "no proxy", "no proxy present", "he"])
def test_a_conversation_on_someones_behalf_counts_what_is_said_of_them(texts, expected):
    assert conversation_concepts(*texts) == expected


def _assert_rules(text, expected):
    """Each rule of `expected` fires on `text`; an empty set: no rule fires at all."""
    found = {f.id for f in red_flags.detect(text)}
    assert (expected <= found) if expected else found == set(), found


# Classes of language found on the enlarged development half (g1, g3), each in
# wordings of our own: a relative's named illness is history; the worst stretch
# of a life is no pain; a temperature reading is a fever; a vehicle rolled or
# crashed is a bad head injury; "N months along" is a pregnancy; "not able to"
# is "unable to"; a comma before a verb starts a clause; Spanish speech signs.
@pytest.mark.parametrize("text, expected", [
    ("my grandads stroke began with his arm going weak, so Im nervous. Today I only have a "
     "tension headache", set()),
    ("a mi tía le dieron un ictus hace años y por eso me asusta, hoy solo me duele el cuello", set()),
    ("the worst month of my life at work and a dull ache in my neck", set()),
    ("thermometer shows 39.2 and she cant touch her chin to her chest", {"meningism"}),
    ("rolled the quad yesterday, head is pounding", {"head_injury_major"}),
    ("she is 7 months along and her ankles have swelled right up", {"preeclampsia"}),
    ("shes not able to lift her left arm", {"neuro_deficit"}),
    ("I was not able to come in on Monday", set()),
    ("no seatbelt, hit his head on the windscreen", {"head_injury_major"}),
    ("se le traba la lengua desde esta mañana", {"neuro_deficit"}),
    ("otherwise she is chatty and herself, just a sore neck", set()),
    ("pain lasts for a few seconds each time and goes", set()),
    ("should we roll a glass over the spots? no rash so far though", set()),
    ("my head throbs whenever I've had a sneezing fit", {"precipitated"}),
    ("me duele muchísimo la cabeza siempre que hago fuerza", {"precipitated"}),
    ("cuando corro por el parque me siento genial", set()),
])
def test_classes_from_the_enlarged_development_half(text, expected):
    _assert_rules(text, expected)


# Classes from the t40-t44 training writers' untouched reading (bystanders, dictation,
# Spanish and Spanglish, stoics and worriers, world Englishes), in wordings of our own:
# a part failing at its job said with a negated verb of that job; a speaker correcting
# themselves; "as if" compares; "no clue what" is a lost memory; a blow taken to the
# head; the person described's head hurting earlier in the story; thrown from a horse
# and a broken helmet are bad head injuries. With the lookalikes each class must leave.
@pytest.mark.parametrize("text, expected", [
    ("the left side of his mouth will not move when he tries to grin", {"neuro_deficit"}),
    ("her legs would not walk in a straight line down the corridor", {"neuro_deficit"}),
    ("the words wouldn't come out of my mouth at the till, I knew what I meant", {"neuro_deficit"}),
    ("la pierna no le responde cuando intenta caminar", {"neuro_deficit"}),
    ("my neck won't move much, it's stiff from the desk and my shoulders ache", set()),
    ("dad's right hand, no sorry, his left hand is numb since lunch", {"neuro_deficit"}),
    ("no sorry, I meant no numbness at all", set()),
    ("no clue what I did between breakfast and lunch, my head throbs", {"altered_consciousness"}),
    ("I have no clue why these tension headaches keep coming", set()),
    ("she took an elbow to the temple at netball an hour ago and has thrown up", {"head_injury_severe"}),
    ("I get a pain to the side of the head when I clench", set()),
    ("my flatmate fainted in the kitchen; before that he said his head was pounding", {"altered_consciousness"}),
    ("my flatmate fainted once in 2015, his head is fine", set()),
    ("my niece was thrown from her pony onto the gravel, headache now", {"head_injury_major"}),
    ("he went over the handlebars and his helmet split, his head hurts", {"head_injury_major"}),
    ("I bought a new helmet because the strap broke", set()),
])
def test_classes_from_the_t40_t44_writers(text, expected):
    _assert_rules(text, expected)


# Benign classes from the same writers' false alarms, in wordings of our own: an ability
# word in any inflection, with no loss said, is a check that came out normal; "no veo
# doble" denies double vision ("no veo nada" stays the sign); a span of time "or two"
# is no double vision; "N odd years back", "that was years ago" and "back in college"
# date a sign; a Spanish "if ever ... go to A&E" is advice; a night out is no faint;
# Caribbean "nuh" is not, and a mother in dialect is still a relative.
@pytest.mark.parametrize("text, expected", [
    ("grandad knows exactly where he is and remembered my birthday, just a sore head", set()),
    ("she recognised all of us at lunch, headache since the morning", set()),
    ("she doesn't recognise her own son today", {"altered_consciousness"}),
    ("tengo dolor de cuello, no veo doble ni nada", set()),
    ("desde anoche no veo nada por el ojo derecho", {"neuro_deficit"}),
    ("it comes back every month or two, tight across my shoulders", set()),
    ("had a fit at about thirty, forty odd years back, none since; tension ache today", set()),
    ("my arm went numb during a migraine in my twenties, that was decades ago", set()),
    ("me desmayé una vez back in college, hoy solo me duele el cuello", set()),
    ("el médico dijo que si alguna vez se me duerme la cara acuda a urgencias; hoy solo es tensión", set()),
    ("he was out until 4 at a wedding and his head is banging", set()),
    ("mi nuh have no fever, jus a tight neck", set()),
    ("meh mudda had a stroke so mi worried, but mine is jus tension", set()),
])
def test_benign_classes_from_the_t40_t44_writers(text, expected):
    _assert_rules(text, expected)


# Classes from the t45-t48 writers (pregnancy and after, sport, older people, long-time
# migraine) and the j1/j3 development writers, in wordings of our own: a birth over six
# weeks ago is no recent birth; kin named like a name with a headache, and a Spanish
# relative's event with a recent time, make a proxy report; a Spanish condition about a
# relative; "never had a head like this"; "as a little kid" dates; "nothing sudden about
# it"; someone's belief names no illness, but what they saw still counts; someone not
# being themselves; not knowing one is at home; a grip said as feeble; head first into.
@pytest.mark.parametrize("text, expected", [
    ("my little boy is 5 months old and my shoulders are killing me from carrying him", set()),
    ("tres meses después del parto, dolor de cabeza por no dormir", set()),
    ("had my daughter 9 weeks ago, tight neck from feeding", set()),
    ("gave birth 12 days ago and this headache is severe", {"pregnancy"}),
    ("my son is 3 months old and I'm 8 weeks pregnant again, splitting headache", {"pregnancy"}),
    ("Grandad had a headache since lunch and now he can't get his words out", {"neuro_deficit"}),
    ("mi abuelo se cayó esta mañana y ahora no sabe dónde está", {"altered_consciousness"}),
    ("si a mi madre se le tuerce la boca la llevo a urgencias, hoy solo tiene tensión en el cuello", set()),
    ("sixty years and never had a head like this one", {"thunderclap"}),
    ("I had febrile fits as a small child, nothing since, just stress headaches now", set()),
    ("the ache built up slowly over the day, nothing abrupt about it", set()),
    ("my mum reckons it's a tumour but it's my usual tension headache", set()),
    ("my partner thinks I'm slurring my words tonight", {"neuro_deficit"}),
    ("he's not acting like himself since the headache started", {"altered_consciousness"}),
    ("she didn't seem to know she was in her own kitchen", {"altered_consciousness"}),
    ("her right grip is weak, she drops her cup", {"neuro_deficit"}),
    ("his grip is strong and his speech is normal, just a sore head", set()),
    ("came off the trampoline head first onto the patio", {"head_injury_major"}),
])
def test_classes_from_the_t45_t48_and_j_writers(text, expected):
    _assert_rules(text, expected)


# How often is not how it changes: a frequency answer with weeks or months in it ("once or
# twice a week", "most weeks") is no progressive headache (progressive's words are change
# words, not calendar words), while "worse every week" still is.
@pytest.mark.parametrize("text, expected", [
    ("once or twice a week", set()),
    ("most weeks, by the evening", set()),
    ("two or three times a month", set()),
    ("una o dos veces por semana", set()),
    ("they are getting worse every week", {"progressive"}),
    ("cada vez más fuertes y más seguidos", {"progressive"}),
])
def test_how_often_is_not_how_it_changes(text, expected):
    _assert_rules(text, expected)


# Classes from the t49-t52 writers (carers' shorthand, slang and hyperbole, English as
# a second language and regional Spanish, one-line and run-on replies) and the k1/k3
# development writers, in wordings of our own: a convulsion told by what was seen; a
# droop named before the lip; a temperature said "high" after it; a comparative loss
# ("much weaker"); "without strength"; the protection someone lacked is no denial; a
# dating inside a clause about someone else; a sign answered "no" after it; a part or a
# walk said to be as usual; several people of a household, better once outside; a
# Spanish neck that will not move; a Spanish glass test; Spanish terror of an illness.
@pytest.mark.parametrize("text, expected", [
    ("she went rigid on the floor then started jerking, it lasted a minute", {"altered_consciousness"}),
    ("a lot of shaking, and afterwards he had bitten his tongue", {"altered_consciousness"}),
    ("bit of droop on the right side of her lip since lunch", {"neuro_deficit"}),
    ("temperature really high and neck stiff as a board", {"meningism"}),
    ("his left hand grip is far weaker than the right", {"neuro_deficit"}),
    ("I am without strength in my left arm since this morning", {"neuro_deficit"}),
    ("came off the bike without a helmet, cracked my head on the road and have vomited twice",
     {"head_injury_severe"}),
    ("mum keeps talking about her brother who died ten years ago, and she has no idea what year it is",
     {"altered_consciousness"}),
    ("neck stiff yes, temperature no", set()),
    ("her neck moves fine and she's walking with her stick as usual, just a mild headache", set()),
    ("the three of us have had headaches all week, fine once we go outside", {"carbon_monoxide"}),
    ("mi hijo tiene fiebre y no quiere mover el cuello", {"meningism"}),
    ("unas manchas en las piernas, apreté un vaso y no se borran", {"non_blanching_rash"}),
    ("me da pánico que sea un tumor, pero es el dolor de siempre de la nuca", set()),
    ("me rayé pensando que era meningitis, pero rigidez de nuca no tengo", set()),
    ("el cuello tenso de la oficina, fiebre no tengo.", set()),
    ("poor grip in her left hand since breakfast", {"neuro_deficit"}),
    ("he can't hold a cup this morning and his head is splitting", {"neuro_deficit"}),
])
def test_classes_from_the_t49_t52_and_k_writers(text, expected):
    _assert_rules(text, expected)


def test_a_care_note_gives_the_age_that_makes_a_tender_scalp_urgent():
    from bot import interview

    found = {f.id for f in interview.message_red_flags("Client (77) has a sore head, scalp v sore when we brush her hair")}
    assert "gca" in found, found


# Classes from the t53-t56 writers (voice dictation and autocorrect; vivid and hedged
# accounts; ages, pregnancies and treatments stated every way; informal Spanish) and the
# m1/m3 development writers, in wordings of our own: Spanish spelt as it sounds; a
# negation that ends where "and she" starts a clause; a hedged loss ("sort of weak"); a
# child's neck that will not bend; a relative's new headache told after their history; a
# history long ago is still a history; Spanish fainting told in words; a Spanish fall; a
# fall from a height on a frame; what the eye sees through; "nowhere" typed as two words.
@pytest.mark.parametrize("text, expected", [
    ("tengo la cabesa que me revienta y no beo del ojo derecho", {"neuro_deficit"}),
    ("mi esposa esta embarasada de siete meses y tiene un dolor de cabesa muy fuerte", {"pregnancy"}),
    ("his eyes dont look right and he says he can see two of everything", {"neuro_deficit"}),
    ("her right hand is kind of weak, she keeps dropping her spoon", {"neuro_deficit"}),
    ("the baby is burning up and wont bend his neck, screams when we touch it", {"meningism"}),
    ("my partner had breast cancer two years ago and now she has a new headache every day",
     {"immune_or_cancer"}),
    ("se desmayó en el baño y ahora dice que le duele mucho la cabeza", {"altered_consciousness"}),
    ("perdió el sentido un momento y ahora le duele la cabeza", {"altered_consciousness"}),
    ("mi hija se cayó del columpio, se pegó en la cabeza y ya vomitó dos veces", {"head_injury_severe"}),
    ("he fell off the top bunk onto the wooden floor head first", {"head_injury_major"}),
    ("my left eye is red and sore and everything looks like I'm seeing through fog", {"acute_glaucoma"}),
    ("hit me out of no where, worst pain ever", {"thunderclap"}),
    ("no where near as bad as last week, just a dull band", set()),
    # the negation still reaches its own clause
    ("she has no fever and she can move her neck fine", set()),
    # a birth told by the baby or the delivery some weeks back; a steroid at a dose
    ("I had my son on the 3rd, so about three weeks ago now, and this headache won't shift",
     {"pregnancy"}),
    ("my c-section was 2 weeks ago and the headache is terrible when I stand", {"pregnancy"}),
    ("mi nuera parió hace diez días y tiene un dolor de cabeza fortísimo", {"pregnancy"}),
    ("dexamethasone 8 mg a day since the summer, and a new headache", {"immune_or_cancer"}),
    # an effort ties to the headache only when the message says so
    ("I have a cough and a headache", set()),
    ("the headache starts every time I cough", {"precipitated"}),
    # Spanish: a headache in the forehead is no fall head first; a fall head first is
    ("tengo dolor de cabeza en la frente desde el lunes", set()),
    ("mi sobrino se cayó de cabeza en la alberca y ahora está vomitando", {"head_injury_severe"}),
    # Spanish long ago: "hace años", "de chiquito", "eso fue en 2009"
    ("de chiquito me desmayé una vez, pero eso fue en 2005; hoy me duele la cabeza por el sol", set()),
    # a relative's event, then what is happening to them now: theirs, and now
    ("my daughter had a fall off her bike, banged her head and now she is very drowsy",
     {"head_injury_severe"}),
    # a friend's story, where the friend is told by where they are from
    ("my neighbour from across the road had her face droop with a headache once; mine is a tight neck",
     set()),
    # "like if" opening a sentence is "for example, if"
    ("Is it serious? Like if my speech went slurred, would I call 999? Mine is just a dull ache.", set()),
    # a sign answered "no" after it, in Spanish as in English; dated long ago after a "but"
    ("convulsiones no, nunca, solo el dolor de siempre", set()),
    ("I passed out once, but that was years ago; today it's a tight neck", set()),
    ("me desmayé en la secundaria, pero eso fue hace mucho; hoy es tensión", set()),
    ("cuando estaba en la prepa tuve una convulsión; lo de hoy es por el estrés", set()),
    # a relative's illness that burst ("le reventó un aneurisma") is theirs
    ("a mi tío le reventó un aneurisma y se desmayó, por eso me preocupo, pero lo mío es leve", set()),
    # coughing fits bring it on
    ("in the coughing fits my head feels like it will split, then it settles", {"precipitated"}),
    # a relative's event, undated, is theirs now: the writer is asking for them
    ("my husband collapsed in the garden, his speech is garbled and one side of his mouth droops",
     {"neuro_deficit"}),
    ("my girlfriend went very pale and now she is confused about where she is", {"altered_consciousness"}),
    ("my dad developed a temperature and a rigid neck overnight", {"meningism"}),
    ("my brother had the worst headache of his life an hour ago and was sick", {"thunderclap"}),
    # ... and history when the sentence says so
    ("my aunt had a stroke years ago, she could not speak for weeks; I just have a stiff neck", set()),
    # Spanish "o no" (whether or not) is no answer "no"
    ("no me acuerdo si desayuné o no, y tengo la cabeza fatal", {"altered_consciousness"}),
])
def test_classes_from_the_t53_t56_and_m_writers(text, expected):
    _assert_rules(text, expected)


# Classes from the t57-t60 writers (signs told by what a body cannot do; storytellers;
# Spanish of every country; answers to the interview) and the n1/n3 development writers,
# in wordings of our own: light that hurts the eyes told further off or as a simile, or
# kept off; a scalp told as the skin of the head, or by a comb or a hat that hurts; Spanish
# jaw pain on chewing and a sore scalp; an everyday thing forgotten; a sign told as part of
# a past stroke; a life stage long ago ("in my 20s", "de chavo"); epilepsy named as a
# condition; a grip said weak after it; not knowing where one is, in the first person.
@pytest.mark.parametrize("text, expected", [
    ("my son can't move his neck, keeps the lamp off because the light is like needles, and he's thrown up",
     {"meningism_no_fever"}),
    ("neck rigid, the sunlight burns my eyes, vomited once, no temperature", {"meningism_no_fever"}),
    ("she won't let us turn the big light on, her neck won't bend and she's being sick", {"meningism_no_fever"}),
    # a light that bothers without a stiff neck and vomiting is no emergency
    ("the light hurts my eyes a bit when I have a migraine", set()),
    # an everyday thing forgotten is no memory loss
    ("I forgot to eat lunch and now my head hurts", set()),
    ("se me olvidó el café esta mañana y me duele la cabeza", set()),
    ("my wife says I forgot her name this morning", {"altered_consciousness"}),
    # a sign that was part of a past illness
    ("my grandad's speech went slurred when he had his stroke, so I panic; mine is a tension ache", set()),
    ("cuando le dio el ictus a mi tía perdió la fuerza del brazo; yo solo tengo contractura", set()),
    ("his speech is slurred now, like when he had his stroke", {"neuro_deficit"}),
    # long ago, told by a life stage or a bracketed year
    ("fainted at a concert in my 20s; I'm 45 now and it's a stress headache", set()),
    ("I'm in my 20s and I fainted at work an hour ago", {"altered_consciousness"}),
    ("de morro me pegué en la cabeza jugando fútbol; hoy es tensión del trabajo", set()),
    # epilepsy as a condition is no first seizure; a fit told is the sign
    ("my brother is epileptic, I just get tension headaches", set()),
    ("she has epilepsy and had a fit an hour ago, now she won't wake properly", {"altered_consciousness"}),
    # a grip said weak after it; not knowing where I am, in Spanish
    ("my right grip has got really feeble since lunch", {"neuro_deficit"}),
    ("de repente no sé dónde estoy y me duele mucho la cabeza", {"altered_consciousness"}),
])
def test_classes_from_the_t57_t60_and_n_writers(text, expected):
    _assert_rules(text, expected)


# Classes from the o1/o3 development writers (carers and older adults; text-speak and
# English as a second language), in wordings of our own: a limb failing at its job with a
# negated verb, whose negation is the sign's own and denies nothing after it; a condition
# told over commas and then closed ("..., I'd go to A&E"); "whenever" telling what happens
# each time; what someone keeps saying or fears a headache means; tears told by what they
# do; no memory of something done. (Each failed before this round; the others guard.)
@pytest.mark.parametrize("text, expected", [
    # a limb failing at its job: its negation denies nothing after it
    ("his hand wont grip anymore, his leg is weak", {"neuro_deficit"}),
    ("right hand wont grip, arm gone heavy and useless since lunch", {"neuro_deficit"}),
    # a negated verb that is no failing part still denies what follows
    ("I don't feel any numbness and my arms are not weak", set()),
    # a condition told over commas, closed by what would follow
    ("if I got a headache that was sudden, like a thunderclap, I'd go straight to A&E", set()),
    ("if it hit max in seconds, worst ever, I'd call 999 wouldn't I", set()),
    ("if the pain spreads, my arm went numb an hour ago", {"neuro_deficit"}),
    # "whenever" tells what happens each time
    ("my head pounds whenever I'm pushing hard on the loo", {"precipitated"}),
    # what someone keeps saying or fears it means
    ("my bf keeps saying its a stroke but I've only got a stiff jaw from clenching", set()),
    ("she is worried her headaches mean she's having a stroke, though nothing else is wrong", set()),
    ("my husband keeps saying I'm slurring my words", {"neuro_deficit"}),
    # tears named by their flow, on one side, round one eye
    ("stabbing behind my left eye and tears pour down that side for about an hour", {"cluster_pattern"}),
    # no memory of something done
    ("grandad has no memory of phoning me twice this morning and he has a headache", {"altered_consciousness"}),
])
def test_classes_from_the_o_writers(text, expected):
    _assert_rules(text, expected)


# A state denied after the part ("scalp is not tender") is no sign of arteritis, at any age.
@pytest.mark.parametrize("text", [
    "I'm 74 and the scalp is not tender to touch, my jaw is fine",
    "I'm 68, my scalp isnt sore at all, just the usual tension ache",
])
def test_a_scalp_said_not_tender_over_50(text):
    from bot import interview

    assert "gca" not in {f.id for f in interview.message_red_flags(text)}


# A tender scalp told as the skin of the head or by what touches it, and jaw pain on
# chewing in Spanish, with the age the message gives (the rule needs over 50).
@pytest.mark.parametrize("text", [
    "I'm 71 and the hairbrush hurts, plus a new ache over my temple",
    "79 years old: the skin on my head feels bruised and tender",
    "tengo 66 años y el cuero cabelludo muy sensible",
    "mi abuelo de 80 dice que le duele la mandíbula cuando mastica",
])
def test_a_tender_scalp_or_jaw_told_every_way_over_50(text):
    from bot import interview

    assert "gca" in {f.id for f in interview.message_red_flags(text)}


# Where the headache is, the temple, is no sign of GCA in CLINICAL.md (its signs are the jaw
# on chewing, a tender scalp, changed vision): a tension headache at the temples over 50 is not one.
@pytest.mark.parametrize("text", [
    "I'm 70 and I have a new headache at my temple",
    "64 years old, both temples ache by the end of a day at my desk",
    "tengo 71 años y me duelen las sienes cuando estoy estresada",
])
def test_a_headache_at_the_temple_over_50_is_no_sign_of_gca(text):
    from bot import interview

    assert "gca" not in {f.id for f in interview.message_red_flags(text)}


# Someone holding or rubbing their head is the person the message is about, also in the
# bare verb of English learned as a second language ("she hold her head").
@pytest.mark.parametrize("text", [
    "my niece was on the floor twitching earlier, she is quiet now and she hold her head",
    "my dad keeps going, he rub his head and moans",
    "my son is clutching his head and crying",
])
def test_a_head_held_makes_a_proxy_report(text):
    assert red_flags.message_mentions(text).on_behalf


# Classes from the p1/p3 development writers (voice dictation; long-time migraine sufferers
# and older adults), in wordings of our own: a part failing at its job told after the word
# the learned layer read ("when she smiled ... her mouth wouldn't lift"), even where a
# pattern read the same sign elsewhere and a negation reached it; the eyes failing to work
# together; a loss of feeling told with the verb "lose"; a sign "never had until today";
# the same eye every attack, and the eye's tears told of a pronoun; someone described
# complaining of a headache now; a faculty said to work fine. (Each failed before.)
@pytest.mark.parametrize("text, expected", [
    ("as he grinned at me the left half of his mouth wouldnt move", {"neuro_deficit"}),
    ("she tried to smile at the nurse and her cheek just didnt lift, drool coming from one corner",
     {"neuro_deficit"}),
    ("his eyes refuse to line up and there are two of the telly", {"neuro_deficit"}),
    ("she's lost all sensation down her right arm since breakfast", {"neuro_deficit"}),
    ("years of headaches, never had my words come out jumbled until tonight", {"neuro_deficit"}),
    ("45 minute attacks, only ever my left eye, and it waters like mad", {"cluster_pattern"}),
    ("my son collapsed and was jerking for a minute. he'd been complaining of a headache since school",
     {"altered_consciousness"}),
    # a faculty said to work is a check that came out normal
    ("Walking ok, speech normal, vision fine. just the ache over my temples", set()),
    # a failing verb after the word, across a clause break, is no failing part of it
    ("I smiled at the baby, and then my phone wouldnt work", set()),
])
def test_classes_from_the_p_writers(text, expected):
    _assert_rules(text, expected)


# Initialisms spelled out letter by letter, as speech-to-text writes them, are read whole;
# text-speak letters and a message in capitals are left as they are.
@pytest.mark.parametrize("text, read", [
    ("I was told I have H I V last year", "i was told i have hiv last year"),
    ("the C O alarm is beeping", "the co alarm is beeping"),
    ("I am ok", "i am ok"),
    ("I don't take vitamin D. I have a stiff neck", "i dont take vitamin d. i have a stiff neck"),
    ("no vitamin D I have a rash", "no vitamin d i have a rash"),
    ("she has M.S. and a headache", "she has ms. and a headache"),
])
def test_spelled_out_initialisms_are_read_whole(text, read):
    from bot import normalise

    assert normalise.normalise(text).text == read


# A question someone asked the person holds its signs as questions only when the person
# answers no after them (in that sentence or the next); unanswered, answered yes or unsure,
# it tells them, the safer reading. The person's own "I asked whether" is a worry told
# about a sign they have, and stays affirmed.
@pytest.mark.parametrize("text, expected", [
    ("the paramedic asked if this was the worst pain in my head ever and yes, by miles", {"thunderclap"}),
    ("my GP wanted to know whether her face had dropped on one side and it has", {"neuro_deficit"}),
    ("the receptionist asked if my speech was slurred, not sure, maybe a bit", {"neuro_deficit"}),
    ("la enfermera me preguntó si veía doble y sí, veo dos de todo", {"neuro_deficit"}),
    ("i asked whether it matters that my leg has gone weak since lunch", {"neuro_deficit"}),
    ("the pharmacist asked whether it was the worst headache of my life and no, not at all", set()),
    ("the GP asked if my arm felt weak and it doesnt, just achy shoulders", set()),
    ("they asked me whether I had double vision, it is not that", set()),
    ("the nurse checked whether I was slurring my words", {"neuro_deficit"}),
    ("my wife asked if I was alright and I told her my mouth had dropped on the left", {"neuro_deficit"}),
    ("the 111 lady asked whether I'd ever had a headache this bad. I haven't, it's the worst ever",
     {"thunderclap"}),
    ("the GP asked if my leg felt weak and I said no, it's just stiff from running", set()),
    ("the chemist asked if I'd had any double vision. No, none at all.", set()),
    ("the nurse asked if I was muddled or slurring my words I am not, just tired", set()),
    ("the doctor asked whether my arm was weak or not", {"neuro_deficit"}),
    # a yes, then a no about something else: the yes is the answer
    ("the 111 call handler asked if my neck was stiff and I had a temperature. I do, and the "
     "paracetamol isn't touching it", {"meningism"}),
    ("the receptionist wanted to know if he was slurring and he is, but they have no appointments "
     "until Monday", {"neuro_deficit"}),
    ("the pharmacist asked on the phone whether I was seeing double and if my eye was sore; both yes, "
     "and no one has rung back", {"neuro_deficit"}),
    ("the doctor asked if my arm had gone weak, it has, not that anyone believes me", {"neuro_deficit"}),
    ("me preguntó si se me duerme la cara y le dije que sí, y no sé qué hacer", {"neuro_deficit"}),
    # a second "if" carries on the question, answered with it
    ("she asked if my eye was red and if I saw halos round lights, I said no to both", set()),
    ("she asked if my eye was red and if I saw halos round lights, yes to both, and my sight is blurry",
     {"acute_glaucoma"}),
    ("the nurse asked if I'd been sick and if I was confused, both no", set()),
    # questions asked without "if": about, a colon, a list gone through, a form
    ("the nurse went through her questions: any weakness, any fever, any trouble speaking. no to all three",
     set()),
    ("the online form asked about sudden onset, a stiff neck and a rash, I ticked no for each", set()),
    ("my husband asked: any numbness, any blurred sight? I told him none of that", set()),
    ("she asked about double vision and I said nope", set()),
    ("la médica me preguntó si tenía el cuello rígido y fiebre, le dije que qué va", set()),
    ("the nurse went through her questions: any weakness in my arm", {"neuro_deficit"}),
    ("she asked if my eye was red and if I saw double, I said no to both", set()),
    ("she asked if my eye was red and if I saw double, yes I do", {"neuro_deficit"}),
    ("la farmacéutica me preguntó si el dolor empezó de golpe o si veo doble. le dije que no, poco a poco",
     set()),
    # an answer with no punctuation, and a no with its full stop
    ("the gp asked if i had any numbness i havent its just tight shoulders", set()),
    ("the nurse asked if he was slurring his words, no. no callback yet", set()),
    # a question of what still works: a no to it is the sign; "could" as "might" is no such question
    ("the nurse asked whether he could walk straight, he can't", {"neuro_deficit"}),
    ("the nurse asked if I could feel any numbness in my face. no", set()),
    # questions answered one by one: a no to another sign holds nothing of this one
    ("the nurse asked if my arm was numb or if I'd been sick, the arm is numb, not been sick", {"neuro_deficit"}),
    ("the nurse asked if my leg was weak and if my face had dropped, no to the leg, yes to the face",
     {"neuro_deficit"}),
    # the first answer decides: a yes to a later question, or a later remark, is not this one's
    ("my sister asked if I was confused and I said no, then asked if I'd eaten and I said yes", set()),
    # more ways of saying no; a passive question
    ("the doctor asked if I'd had a seizure. definitely not", set()),
    ("the nurse asked if I was seeing double. no thankfully", set()),
    ("she asked if my arm was weak no my arms are fine", set()),
    ("me preguntó si veía doble. nada", set()),
    ("the nurse asked if my leg was numb. Yup", {"neuro_deficit"}),
    # a list of questions, each its own ("..., was he drowsy, any stiff neck")
    ("the nurse went through her questions, was he being sick, was he drowsy, any stiff neck, and I said "
     "no to all of them", set()),
    ("the nurse went through her questions, was he being sick, was he drowsy, any stiff neck",
     {"altered_consciousness"}),
    ("asked if my leg had gone numb, not that I've noticed", set()),
    ("the doctor asked whether my leg felt weak. no the leg feels normal", set()),
    ("the doctor asked if I can remember having a stiff neck or a fever. no", set()),
    ("her dad was asked by the paramedic if his arm was numb and he said yes", {"neuro_deficit"}),
    # someone asking the same thing again and again is a sign, not a question put to them
    ("my wife keeps asking the same questions over and over, she can't remember the answers",
     {"altered_consciousness"}),
])
def test_a_question_asked_is_answered_by_what_follows(text, expected):
    _assert_rules(text, expected)


# Classes from the q1/q3 development writers (kiosk and letter-style older writers; mixed
# timelines and questions), in wordings of our own: a question about what is happening
# tells what is happening ("should I worry that..."), an illness named in it stays a
# worry; "if" telling when the headache changes is no condition; a change from someone's
# usual self ("not normally", "never usually") is no denial; what a relative "suffered" is
# history only when the sentence says so; a lifetime told between "never" and its verb.
@pytest.mark.parametrize("text, expected", [
    ("should I be worried that my left hand has gone numb?", {"neuro_deficit"}),
    ("is it normal that my headache wakes me at 3am most nights", {"wakes_from_sleep"}),
    ("¿es normal que vea doble desde esta mañana?", {"neuro_deficit"}),
    ("should I worry that this is a stroke? the ache is in my shoulders", set()),
    ("it's a lot worse when I'm on my feet and nearly goes away if I lie down", {"positional"}),
    ("she's not normally this sleepy, we can't keep her awake", {"altered_consciousness"}),
    ("my husband suffered a fit twenty minutes ago and now says his head is pounding",
     {"altered_consciousness"}),
    ("my mum has suffered with migraines for years, I just have a stiff neck from work", set()),
    ("never in all my 60 years have I had a head pain this bad", {"thunderclap"}),
])
def test_classes_from_the_q_writers(text, expected):
    _assert_rules(text, expected)



# Found in review of the p- and q-round changes, in wordings of our own: a sentence that
# ends on a single letter still ends ("vitamin D."), so a denial before it denies nothing
# after it; a part said "ok" in unpunctuated dictation denies only itself, not the sign
# told before it; a service missed is carbon monoxide only for a fuel-burning appliance.
@pytest.mark.parametrize("text, expected", [
    ("I don't eat much vitamin C. I have a stiff neck and a temperature of 39", {"meningism"}),
    ("his speech is slurred face ok legs ok", {"neuro_deficit"}),
    ("right arm is weak left arm ok", {"neuro_deficit"}),
    ("the van hasn't been serviced for ages and my head is killing me", set()),
    ("our gas fire has not been serviced in years and the whole family has headaches",
     {"carbon_monoxide"}),
])
def test_found_in_review_of_the_p_and_q_rounds(text, expected):
    _assert_rules(text, expected)


# Classes from the r1/r3 development writers (answers to the interview's questions;
# English of many first languages, often for a relative), in wordings of our own: a
# scale from zero told with a speed adverb, and "zero to" no denial; a glow or haze round
# the lights is a halo; someone else no longer understanding what is said to them, and
# how they talk said of them; Spanish "does not wake properly"; one posture compared with
# another; an eye that becomes watery; the worst time of a day is no worst-ever; a way of
# lying (face down, boca abajo) is not the face.
@pytest.mark.parametrize("text, expected", [
    ("from zero to screaming pain immediately, about 20 minutes ago", {"thunderclap"}),
    ("zero to unbearable at once while I was at my desk", {"thunderclap"}),
    ("zero neck stiffness, zero fever, just tight shoulders", set()),
    ("my left eye is red and throbbing, and there's a kind of haze around the street lights",
     {"acute_glaucoma"}),
    ("since the headache my grandma doesnt understand anything we say to her", {"neuro_deficit"}),
    ("she not understand simple questions from the nurse today", {"neuro_deficit"}),
    ("I don't understand what the physio told me about my neck", set()),
    ("since lunch he speaks all weird and slow and funny", {"neuro_deficit"}),
    ("a mi madre le cuesta despertarse y se queja de la cabeza", {"altered_consciousness"}),
    ("mi hijo no despierta bien desde la siesta, le duele la cabeza", {"altered_consciousness"}),
    ("being upright is far worse, lying down is fine", {"positional"}),
    ("sitting at the laptop all day makes my neck worse", set()),
    ("his eye turns watery and red and he paces, always the left eye, an hour or so each time",
     {"cluster_pattern"}),
    ("the pain is worst in the evenings, across the back of my skull", set()),
    ("it's worst in the morning when I get up, and I throw up, then it settles",
     {"raised_pressure"}),
    ("1-sided stabbing around the eye, and the eye streams, 45 minutes each time",
     {"cluster_pattern"}),
    ("I sleep face down and wake up with my neck twisted and one side of my head sore", set()),
    ("duermo boca abajo y amanezco con dolor de cuello y de un lado de la cara", set()),
    ("siempre duermo boca abajo y me duele la boca del estómago y la cabeza", set()),
])
def test_classes_from_the_r_writers(text, expected):
    _assert_rules(text, expected)


@pytest.mark.parametrize("text", [
    "I am 63, never I get headache before, now since six weeks every day",
    "my uncle is 71 and before he never complain of headaches, this started in the spring",
])
def test_never_before_in_the_word_order_of_another_language_is_a_new_headache(text):
    from bot import interview

    assert "new_after_50" in {f.id for f in interview.message_red_flags(text)}


# Classes from r5 (long stories of a week, signs named but not affirmed), in wordings of
# our own: the birth told by the baby's age; heads that collided, in Spanish; windows
# blacked out to sleep by day; the signs someone knows of, held as knowledge only when
# they then say they have none.
@pytest.mark.parametrize("text, expected", [
    ("our son is five weeks old, I'm shattered and my head is pounding much harder than my "
     "usual headaches", {"pregnancy"}),
    ("la nena tiene once días, estoy agotada y me duele mucho la cabeza", {"pregnancy"}),
    ("my daughter is 4 months old and I get neck pain from carrying her", set()),
    ("hace tres semanas choqué de cabeza contra un compañero entrenando y el dolor no se me va",
     {"recent_head_injury"}),
    ("I black out the bedroom windows with bin bags to sleep after nights, head aches in the "
     "afternoon", set()),
    ("I blacked out in the kitchen and hit the floor, now my head hurts", {"altered_consciousness"}),
    ("I read all about the meningitis symptoms like a stiff neck with a fever and a rash. I have "
     "none", set()),
    ("we know the stroke symptoms and his arm went weak an hour ago", {"neuro_deficit"}),
    # the Spanish eye named with what it does: the one named eye alone must not hide it
    ("noche tras noche, dolor encima del ojo izquierdo con el ojo rojo y llorando, cuarenta minutos",
     {"cluster_pattern"}),
])
def test_classes_from_r5(text, expected):
    _assert_rules(text, expected)


# The signs of an illness someone knows, read or googled, in wordings of our own: held as
# knowledge within their clause, but a new clause about another person ("..., her arm went
# numb") is that person's present; a list of signs then claimed in the same sentence
# ("..., and she has both") is claimed; and someone "showing signs of" an illness, with
# the signs described, shows them. A list read about, or its signs denied, stays quiet.
@pytest.mark.parametrize("text, expected", [
    ("we all know the warning signs of a stroke, her arm went numb ten minutes ago", {"neuro_deficit"}),
    ("I learnt the symptoms of meningitis on a first aid course, his neck is stiff and he's burning up",
     {"meningism"}),
    ("I looked up the signs of meningitis, a rigid neck and a high temperature, and my son has both",
     {"meningism"}),
    ("googled the stroke signs, slurred words and a lopsided face, which my nan has", {"neuro_deficit"}),
    ("my husband is showing all the signs of a stroke, his face has dropped on one side", {"neuro_deficit"}),
    ("she has the classic symptoms of meningitis, stiff neck, a high temperature and a rash",
     {"meningism"}),
    # not claimed
    ("I looked up the signs of meningitis, a rigid neck and a high temperature", set()),
    ("I know the signs of a stroke, face drooping, arm weakness, speech problems", set()),
    ("I read the signs of meningitis are a stiff neck and fever, I'm not sure I have them", set()),
    ("do I have the symptoms of a stroke? my head aches after work", set()),
    ("I read about the symptoms of a bleed, the worst headache ever and a stiff neck, I have neither",
     set()),
    ("I know the signs of a stroke are a drooping face and slurred speech and I'm not showing any of them",
     set()),
    # a no about something else denies nothing of what was known
    ("I know the signs of a stroke are a drooping face and slurred speech, my face is drooping and the "
     "tablets aren't helping", {"neuro_deficit"}),
])
def test_signs_someone_knows_of_and_signs_claimed(text, expected):
    _assert_rules(text, expected)


# Classes from r5 and s1 (long calm stories; what someone read, saw or was told), in
# wordings of our own: "nothing" with a sign's own adjective; being jumpy or twitchy about
# a sign; a body compared with an accident; a newborn who is a niece or a nephew; a stroke
# named as a check, an advert or a video; the dangerous signs someone listed, then denied
# (unanswered, they still count); a carbon monoxide device only named; a diagnosis only
# possible, in Spanish; a list read about then claimed in the next sentence.
@pytest.mark.parametrize("text, expected", [
    ("nothing abrupt, it crept up over the evening while I was marking essays", set()),
    ("I'm jumpy about fevers since my cousin was ill, no temperature here though", set()),
    ("my shoulders feel like I've been in a car accident after moving house", set()),
    ("I was in a car accident an hour ago and now my head is pounding", {"head_injury_major"}),
    ("we have a newborn niece staying and I'm not sleeping, tension headache", set()),
    ("our son is only a newborn and I've a terrible headache", {"pregnancy"}),
    # (a single "stroke check" stays a stroke: "he is having a stroke check him" runs on)
    ("I did the stroke checklist from the leaflet on my dad and he passed it, he just has a sore head",
     set()),
    ("saw a video on strokes at work and now every twinge scares me, it's a tension headache", set()),
    ("I think I'm having a stroke", {"neuro_deficit"}),
    ("my sister listed the dangerous ones, a stiff neck, a rash that won't fade, a high "
     "temperature. I've got none of those", set()),
    ("my sister listed the serious ones, a stiff neck and a high temperature", {"meningism"}),
    ("we bought a carbon monoxide detector for the new flat, my headaches are from the laptop", set()),
    ("the carbon monoxide detector went off and all four of us have headaches", {"carbon_monoxide"}),
    ("mi prima dice que podría ser un tumor pero yo creo que es estrés del trabajo", set()),
    ("I read about the glaucoma signs, a red sore eye and blurry sight. I have all of them right now",
     {"acute_glaucoma"}),
])
def test_classes_from_the_r5_and_s1_writers(text, expected):
    _assert_rules(text, expected)


# A review of the s-round's rules found signs they hid and alarms they raised; each
# stays as it should be here: a video or article named while something else happens,
# the writer's own "I said", a no about something else, "nothing" before another clause,
# feeling jittery, a stroke "post surgery", an alarm with words before its beeping; and
# worries or questions about having the signs of an illness, and a Spanish no before
# "tengo esos".
@pytest.mark.parametrize("text, expected", [
    ("I was reading an article on my laptop when the worst headache of my life hit me out of nowhere",
     {"thunderclap"}),
    ("My sister is watching a video on her phone and says her arm has gone completely dead and heavy",
     {"neuro_deficit"}),
    ("I said the main symptoms are the worst headache of my life and double vision. They said no "
     "appointments till Monday", {"thunderclap", "neuro_deficit"}),
    ("El médico dijo que un ictus es la cara torcida y el brazo flojo, y mi padre tiene la cara "
     "torcida y el brazo flojo", {"neuro_deficit"}),
    ("Nothing dramatic happened, the worst headache of my life started about an hour ago", {"thunderclap"}),
    ("Nothing unusual today, the left side of my face has gone droopy", {"neuro_deficit"}),
    ("I feel jittery it came on suddenly like a thunderclap, worst ever", {"thunderclap"}),
    ("I think I'm having a stroke post surgery, my head is pounding", {"neuro_deficit"}),
    ("The carbon monoxide alarm in the hall was beeping this morning and I have had a thumping "
     "headache since", {"carbon_monoxide"}),
    ("we've got a carbon monoxide alarm that's never gone off, the headache is from my desk", set()),
    ("I'm worried I have symptoms of a stroke, my head is killing me", set()),
    ("Am I showing signs of a stroke or is it just a migraine", set()),
    ("Leí que los síntomas de un ictus son la cara torcida y no poder hablar. No tengo esos "
     "síntomas, solo me duele la cabeza.", set()),
    ("my friend listed the serious ones, a stiff neck and a high temperature. They said no "
     "appointments today", {"meningism"}),
])
def test_what_the_review_of_the_s_round_found(text, expected):
    _assert_rules(text, expected)


# A combination of signs read by the learned layer (fever with a stiff neck) needs its
# other half in words of its own when a pattern read one half: the fever's own words
# ("a temp of 39", "a fever of 38.5") are no stiff neck; a chin that won't reach the chest
# is, and so is a neck that won't bend.
@pytest.mark.parametrize("text, expected", [
    ("got a temperature of 39.4 and a throbbing head", {"systemic_symptoms"}),
    ("running a fever of 38.7 and my head is thumping", {"systemic_symptoms"}),
    ("I have a fever and I can't get my chin down to my chest", {"meningism"}),
    ("a temperature of 39 and I can't bend my neck to look down", {"meningism"}),
])
def test_a_combination_s_other_half_in_its_own_words(text, expected):
    found = {f.id for f in red_flags.detect(text)}
    assert expected <= found and ("meningism" in found) == ("meningism" in expected), found


# A degree never reached is the sign ("never felt my leg this heavy", "never had one come
# on so quickly"): "never" there denies nothing. A degree of something that is no sign
# ("never been so worried", "never had them this often") stays no sign. (Each sign row
# but the muddled husband's failed before.)
@pytest.mark.parametrize("text, expected", [
    ("I have never felt my leg this heavy and useless", {"neuro_deficit"}),
    ("never had a head pain come on so quickly, instant agony", {"thunderclap"}),
    ("my husband has never been this muddled, he doesn't know what day it is", {"altered_consciousness"}),
    ("never had my speech go this slurred, even when drunk", {"neuro_deficit"}),
    ("I've never seen my face look so lopsided in the mirror", {"neuro_deficit"}),
    ("never had a headache hit me this hard this fast", {"thunderclap"}),
    ("I've never been so worried about a headache", set()),
    ("never had them this often before", set()),
    ("I've never had a headache last so long, it's been three days", set()),
    ("never had so many headaches in one month", set()),
    ("I never knew my arm could feel so weak, it just flopped", {"neuro_deficit"}),
    ("he's never looked so grey and confused, talking rubbish", {"altered_consciousness"}),
    # "that bad" is as often "not very bad" ("never had one that bad, mine are mild")
    ("I've never had a headache that bad, mine are usually mild", set()),
    # "so" that goes on a clause, "that" that starts one, "such as", "this time", "hard to":
    # no degree, and "never" still denies what it names
    ("I have never had slurred speech or double vision so probably nothing serious?", set()),
    ("never been confused that i know of, just tired", set()),
    ("nope never had such things as weakness or confusion", set()),
    ("never had a headache this hard to shift, three days now", set()),
])
def test_a_degree_never_reached(text, expected):
    _assert_rules(text, expected)


# When a run of headaches began is no measure of how bad one was: "never had one like it"
# dated weeks or more back is a new pattern, not the worst ever; dated today it still is.
# A first time dated back that is here again today still is. A pain that lasts "some
# seconds" is brief, like "a few seconds"; how fast one peaks is not, whatever the count
# ("a couple of seconds and then it was unbearable" was read as brief before).
@pytest.mark.parametrize("text, expected", [
    ("never had headaches like these before last spring, now they come most afternoons", set()),
    ("I never got one like this until I started the night shifts", set()),
    ("never had pain like it till a few weeks ago, dull at the temples", set()),
    ("I never had anything like it before last month, it's most days now", set()),
    ("never had headaches like this before about 6 weeks ago, now most mornings", set()),
    ("never had one like it before 2023, now it's every week", set()),
    ("I've never had a headache like this before today", {"thunderclap"}),
    ("never had a headache like it until two weeks ago, and today is the same bang", {"thunderclap"}),
    ("never had a headache like this until the fall at work this morning", {"thunderclap"}),
    ("never had a headache like this until I got home from work", {"thunderclap"}),
    ("I never had pain like this before I started the run an hour ago", {"thunderclap"}),
    ("never felt anything like this, it was the worst pain of my life", {"thunderclap"}),
    ("the jabs over my ear last some seconds and go", set()),
    ("some seconds then it fades, only when I sneeze", {"precipitated"}),
    ("each stab is only some seconds, when I cough", {"precipitated"}),
    ("within some seconds it was the worst pain I've ever had", {"thunderclap"}),
    ("it took 10 seconds to reach full force", {"thunderclap"}),
    ("it built up in some seconds and then it was 10 out of 10", {"thunderclap"}),
    ("some seconds till it was at its worst", {"thunderclap"}),
    ("a couple of seconds and then it was unbearable", {"thunderclap"}),
    ("in a few seconds and then it was 10 out of 10", {"thunderclap"}),
    # from a review: a count of seconds going on to any peak, however worded, is how fast it
    # came; gone, over, or each stab so long is how long it lasts; more ways of dating
    ("took only some seconds to go from nothing to 10/10", {"thunderclap"}),
    ("a few secs then it went through the roof and it's still there", {"thunderclap"}),
    ("for some seconds it crept up and then it was off the scale", {"thunderclap"}),
    ("its over in a few seconds, like an ice pick, happens a few times a day", set()),
    ("never had a headache like it before xmas, since then most afternoons", set()),
    ("never had headaches like this before my operation in the spring, now most days", set()),
    ("never had a headache like it until last month, and tonight it exploded out of nowhere", {"thunderclap"}),
    # a cap on how long is no peak ("maximum a minute"); a peak reached still is
    ("each stab only some seconds, one minute maximum, then it settles", set()),
    ("a few seconds, a minute at most, and it was the worst pain ever", {"thunderclap"}),
    # easing within minutes is how long, not how fast ("settles in a few minutes")
    ("heavier when I lie flat, and sitting up it eases within a few minutes", {"positional"}),
    ("it built up within a few minutes to the worst pain I've had", {"thunderclap"}),
])
def test_a_first_time_dated_back_and_a_pain_of_seconds(text, expected):
    found = {f.id for f in red_flags.detect(text)}
    assert (expected <= found and "thunderclap" not in found - expected) if expected else found == set(), found


# Classes from the x1/x3 development writers (answers in a conversation, people writing
# for others, Spanish), in wordings of our own: a build-up denied is the suddenness
# itself; from nothing to any pain word in the time a small act takes; no memory of a
# stretch of time; a head that feels heavy, and limbs said fine, are no heavy limb; Spanish
# that names the part first and denies having it after ("la nuca no la tengo dura").
@pytest.mark.parametrize("text, expected", [
    ("he says there was no build up at all, it was instantly unbearable", {"thunderclap"}),
    ("my head went from fine to throbbing in the time it takes to sneeze", {"thunderclap"}),
    ("next thing I knew it was dark outside and I had zero memory of the afternoon, head still pounding",
     {"altered_consciousness"}),
    ("came on gradually after lunch, nothing sudden. legs and arms fine, my head is heavy and tight", set()),
    ("legs and arms ok, speech fine, my head just feels heavy", set()),
    ("tengo fiebre de 38 y tos, pero la nuca no la tengo dura", set()),   # a cough: an infection
    # a limb said fine next to a sign told before it denies only itself
    ("weak left hand, legs and face fine", {"neuro_deficit"}),
    # "no la noto" is numbness, not a denial; a denial after a noun reaches only that noun
    ("la mano no la noto desde hace media hora y me duele la cabeza", {"neuro_deficit"}),
    ("veo doble, la fiebre no la tengo", {"neuro_deficit"}),
    ("from nothing to a mild ache over the morning", set()),
    # the same words told as the sign stay the sign
    ("there was no build up, it was a dull ache all day", set()),
    ("went from zero to a dull ache over the afternoon", set()),
    ("my head feels heavy and my left arm is heavy too", {"neuro_deficit"}),
    ("la nuca la tengo dura y tengo fiebre", {"meningism"}),
])
def test_classes_from_the_x_writers(text, expected):
    found = {f.id for f in red_flags.detect(text)}
    assert (expected <= found and ("meningism" in found) == ("meningism" in expected)
            and ("neuro_deficit" in found) == ("neuro_deficit" in expected)) if expected else found == set(), found


# A state never reached in a lifetime ("never been this confused in my life") is that
# state, a sign or not: the lifetime is no worst headache (the confused rows failed
# before; the tired ones read as a worst headache when the lifetime was opened up). A
# degree of pain told so stays the worst ever ("never been in this much pain" was read as
# denied before).
@pytest.mark.parametrize("text, expected", [
    ("ive never been this confused in my life", {"altered_consciousness"}),
    ("never been so sleepy in all my life, can barely keep my eyes open", {"altered_consciousness"}),
    ("she's never seemed so muddled in her whole life", {"altered_consciousness"}),
    ("never been this tired in my life after the night shifts", set()),
    ("I have never been so stressed in my entire life, my neck is concrete", set()),
    ("never been in this much pain in my life", {"thunderclap"}),
    ("I've never been in so much pain, it's unreal", {"thunderclap"}),
    ("never had a headache this bad in my whole life", {"thunderclap"}),
    ("never had so much as a headache before this year, now they're weekly", set()),
    ("never had a headache in my life until these started last year", set()),
    ("never felt this tired in my life, night shifts", set()),
    ("never been this sick of headaches in my whole life", set()),
    ("never felt such a blinding headache in all my life", {"thunderclap"}),
    ("my head has never hurt this much in my life", {"thunderclap"}),
    ("never had such a bad headache", {"thunderclap"}),
    ("never had such a thing as a migraine before", set()),
    ("nunca he estado tan confundida en mi vida", {"altered_consciousness"}),
    ("nunca he estado tan cansada en mi vida, me duele un poco la cabeza", set()),
])
def test_a_state_never_reached_in_a_lifetime(text, expected):
    _assert_rules(text, expected)


# Numbness put down to an everyday cause is no sign (EXPLAINED): the dentist's anaesthetic,
# a limb sat or slept on. A likeness, an unsure cause, a visit still to come, or another sign
# beside it explain nothing. (The explained rows failed before.)
@pytest.mark.parametrize("text, expected", [
    ("my bottom lip is still numb from the injection at the dentist, headache since", set()),
    ("half my face is numb after my filling this morning", set()),
    ("tengo el labio dormido por la anestesia del dentista y me duele la cabeza", set()),
    ("pins and needles in my foot from sitting on it, went away when I stood up", set()),
    ("my face feels numb like after the dentist", {"neuro_deficit"}),
    ("my face is numb, maybe from the dentist?", {"neuro_deficit"}),
    ("left side of my face is numb and drooping, I have the dentist tomorrow", {"neuro_deficit"}),
    ("my lip is numb from the dentist and my right arm went weak an hour ago", {"neuro_deficit"}),
    ("my hand went numb and tingly this morning for no reason", {"neuro_deficit"}),
    # the dentist explains a numb mouth or face, not a numb arm; a hedge or a "but" explains nothing
    ("after the dentist this morning my right arm went numb", {"neuro_deficit"}),
    ("I assumed it was from sleeping on it but my arm is still numb hours later", {"neuro_deficit"}),
    ("my cheek is numb from the dentist i guess, and tingling down my arm", {"neuro_deficit"}),
    ("tengo la pierna dormida de estar sentada así, y me duele la cabeza", set()),
    ("pins and needles in my foot because I sit on it at my desk, headaches after work", set()),
    # a dead arm is a weak one too, which no cause explains here
    ("my arm went dead because I'd slept on it, fine after a few minutes", {"neuro_deficit"}),
])
def test_numbness_with_an_everyday_cause(text, expected):
    # numbness and the deficits only: what else a message tells ("went away when I stood
    # up") is other rules' business
    found = {f.id for f in red_flags.detect(text)}
    assert ("neuro_deficit" in found) == ("neuro_deficit" in expected), found


# Classes from the y1/y3 development writers (kiosk users over 60, English as a second
# language), in wordings of our own: a lifetime counted in years ("never in all my years");
# someone being woken who will not stay awake; not knowing which way is which on a known
# road; no memory of an outing with someone; blurred sight told of what is seen out of the
# eye; an everyday object's place forgotten.
@pytest.mark.parametrize("text, expected", [
    ("never in all my years have I felt my head hurt like this", {"thunderclap"}),
    ("never in my sixty years has a headache been this bad", {"thunderclap"}),
    ("we've been trying to wake my grandson for ten minutes, he just mumbles and drops off", {"altered_consciousness"}),
    ("he couldn't tell which road was home, on a drive he's done for decades", {"altered_consciousness"}),
    ("mum has no memory of me visiting this morning and her head aches", {"altered_consciousness"}),
    ("red sore eye and everything through that eye is foggy, headache above it", {"acute_glaucoma"}),
    # an age is not a date: "dad aged 75 while gardening suddenly ..." is now, so "aged 17
    # after a night out" stays read as now (tried and withdrawn)
    ("had a fit aged 17 after a night out, nothing since, now just a stiff neck headache",
     {"altered_consciousness"}),
    ("forgot where I'd stashed my glasses again, typical me, tension headache", set()),
    # the same words of something present stay signs
    ("my dad, aged 70 at home, has slurred speech now", {"neuro_deficit"}),
    ("I tried to wake her and she wouldn't wake up properly", {"altered_consciousness"}),
    ("I got lost driving home from work, a road I've driven for twenty years", {"altered_consciousness"}),
    ("never in all the years of migraines has one come on this fast", {"thunderclap"}),
    # one side of the face that will not move (a reviewer's miss, on main too)
    ("had a filling yesterday and today the left side of my face won't move", {"neuro_deficit"}),
    ("half her mouth isn't moving properly since lunch", {"neuro_deficit"}),
    ("the side of my face doesn't hurt, just my temples", set()),
    # ... and the same words where they are no sign
    ("still trying to wake my brain up with coffee, headache", set()),
    ("we're trying to wake my son up for school every morning and my head pounds", set()),
    ("new office, don't know which way is which yet, screen headaches", set()),
    ("no memory of her telling me that, lol, headache from stress", set()),
    ("never in my 30 years have I been this busy at work, tension headaches", set()),
])
def test_classes_from_the_y_writers(text, expected):
    _assert_rules(text, expected)


@pytest.mark.parametrize("text, expected", [
    # an episode of the day no one remembers, whatever its verb; asked again and again
    ("dad has no memory of us collecting him from the station today", {"altered_consciousness"}),
    ("my husband keeps asking me the same question again and again since lunch", {"altered_consciousness"}),
    ("she can't remember coming home from work, none of it", {"altered_consciousness"}),
    ("no me acordaba de mi propia dirección esta mañana y me duele la cabeza", {"altered_consciousness"}),
    ("no me acuerdo de donde deje las llaves, dolor de cuello", set()),
    # a denial of its own after "and" starts a new clause; not knowing denies nothing after it
    ("she doesnt eat and cant remember my name", {"altered_consciousness"}),
    ("mi madre no come y no se acuerda de mi nombre", {"altered_consciousness"}),
    ("he isnt sleeping well and cant lift his left arm", {"neuro_deficit"}),
    ("no fever and no stiff neck, just a sore head", set()),
    ("no se, no me acuerdo de nada desde ayer", {"altered_consciousness"}),
    ("I don't know, can't remember anything since lunch", {"altered_consciousness"}),
    ("i dont know, no fever though", set()),
    # a denial whose verb is complete denies what came before it, never what comes next
    ("feels like the dentist numbed me but I haven't been, the whole left cheek is numb", {"neuro_deficit"}),
    ("felt like I was going to faint at the gym but I didn't, tight shoulders since", set()),
    ("I fainted but he didn't.", {"altered_consciousness"}),
    # a sign asked back and denied at once; never a denial after a longer question
    ("Passed out? Nope, just a tight neck from the desk", set()),
    ("seeing double? god no. just sore shoulders", set()),
    ("blacked out? no idea, my wife found me on the floor", {"altered_consciousness"}),
    ("my face dropped, a stroke? no, surely not", {"neuro_deficit"}),
    # a question is the whole condition; a statement typed with a question mark is none
    ("what happens if you get a headache and then your arm goes numb? asking for my course", set()),
    ("I get headaches if I sit too long and then I see double?", {"neuro_deficit"}),
    # "ain't" denies a state as "isn't" does
    ("flu for two days, bit of a temperature, neck ain't stiff at all", set()),
    # a relative's past illness dated by a year
    ("my nan had a fall in 2016 and hit her head, fully healed, now I get tension headaches", set()),
    ("I fell down the stairs and hit my head this morning, now vomiting", {"head_injury_severe"}),
])
def test_classes_from_the_z_writers(text, expected):
    _assert_rules(text, expected)


# What a review of the z-round's first version found (its own wordings, labelled before
# running), each class fixed before landing
@pytest.mark.parametrize("text, expected", [
    # a question about someone closes no condition: it tells what is there
    ("should I ring 111 if my mum passed out and now she is really sleepy?", {"altered_consciousness"}),
    ("is it safe to drive if I'm seeing double since lunch?", {"neuro_deficit"}),
    ("what should I do if my arm goes numb during a migraine?", set()),
    ("what would happen if my face drooped?", set()),
    # the near word must be right before the sign it denies
    ("I almost rang an ambulance as my hand went numb but I didn't", {"neuro_deficit"}),
    ("was about to keel over on the bus but didnt, just tight shoulders", set()),
    # "like / similar to when he had his stroke" compares now with then; a past stroke reaches
    # back only within its own clause (a reviewer's misses in the first version, which
    # reached over "and he ...")
    ("dad's mouth is drooping and he is slurring again like when he had his stroke", {"neuro_deficit"}),
    ("mum's face dropped and she slurred, similar to when she had her stroke", {"neuro_deficit"}),
    ("his face dropped and he couldn't get his words out when he had his stroke", {"neuro_deficit"}),
    # a sign asked back: only what follows the last break before the mark is denied
    ("face drooping on one side since lunch, arm weakness? no", {"neuro_deficit"}),
    ("neck stiff, high temp, drowsy, rash - no", {"meningism", "altered_consciousness"}),
    ("Symptoms: face drooping on one side, slurred speech, fever: no", {"neuro_deficit"}),
    ("cara caída de un lado desde hace una hora, ¿fiebre? no", {"neuro_deficit"}),
    # "one" is no anyone; a question about anyone said to be so is so
    ("Is it a stroke if one side of my face drooped and then my arm went weak?", {"neuro_deficit"}),
    ("what does it mean if you get a sudden headache and then your face drops? it happened to me "
     "10 minutes ago", {"neuro_deficit"}),
    # "as" is "while" too
    ("her arm went weak as teens walked past, an hour ago", {"neuro_deficit"}),
    # a year that something is counted from dates nothing after it; a year on a fall does
    ("tripped on the kerb, worst since a fall in 2021, and cracked my head, been sick since",
     {"head_injury_severe"}),
    # a denial with a filler after it still denies
    ("I haven't been, like, muddled or dizzy at all, just achy", set()),
    # a list of signs asked back is denied whole
    ("slurring or trouble getting words out? nah", set()),
    ("any fits, fainting? no.", set()),
    # memory: a family's past is no memory loss; a password no lost identity
    ("no memory of my dad having headaches, so no family history that I know", set()),
    ("no me acordaba de mi contraseña del banco, me duele la cabeza de estrés", set()),
    # something "not right" is something wrong
    ("her speech ain't right, all slurred since tea time", {"neuro_deficit"}),
    # "none of it" denies a list, never what someone cannot recall
    ("he can't recall the match at all, none of it", {"altered_consciousness"}),
    ("fits, memory loss, passing out, none of it", set()),
    ("dizziness or confusion? none of it, just tight shoulders", set()),
    # a sign asked back is no ability asked ("can she lift it? no" is)
    ("weak leg? nope. blurry eyes? nope. just stress", set()),
    ("can she lift her right arm? no", {"neuro_deficit"}),
    # a question of what helps, about someone now
    ("would ibuprofen help if my husband is muddled and can't stay awake?", {"altered_consciousness"}),
    # a first time dated, then "but this one"
    ("my first migraine was in 2012 but this one hit like a thunderclap", {"thunderclap"}),
    # a relative coming or going that no one remembers
    ("she has no memory of her daughter visiting an hour ago", {"altered_consciousness"}),
    ("I have no memory of us seeing a doctor about it as kids", set()),
    # Spanish everyday forgetting
    ("no recuerdo qué día empezó, el martes creo", set()),
    ("no me acuerdo de cuántas pastillas tomé ayer", set()),
])
def test_what_the_review_of_the_z_round_found(text, expected):
    _assert_rules(text, expected)


# What the z-round's reviewer set still read wrong after landing, as classes in our own words
@pytest.mark.parametrize("text, expected", [
    # a filler between commas ("you know", "I mean") starts no new clause: the denial reaches
    ("I have not been, you know, dizzy or seeing double", set()),
    ("she hasn't been, I mean, muddled at all", set()),
    # ... and the next real clause still ends it
    ("no temperature, you know, and my hand has gone weak", {"neuro_deficit"}),
    # "if it is serious that ..." asks about what is told; the that-clause is no condition
    ("could you tell me if it's bad that I blacked out in the shower this morning", {"altered_consciousness"}),
    ("not sure if it is normal that her face dropped on one side an hour ago", {"neuro_deficit"}),
    ("if my hand went numb I would ring an ambulance", set()),
    # Spanish: a near thing denied with its verb left out ("casi ..., pero no")
    ("en el trabajo casi me desmayo, pero al final no", set()),
    ("casi me caigo redondo en la cocina pero no llegué a eso", set()),
    ("me desmayé en la cocina pero no me golpeé", {"altered_consciousness"}),
    ("casi me desmayo pero no, y desde entonces veo doble", {"neuro_deficit"}),
])
def test_what_the_z_review_left(text, expected):
    _assert_rules(text, expected)


# Classes from the v-round's development writers (v1, v3), each in wordings of our own
@pytest.mark.parametrize("text, expected", [
    # "never had headaches before" tells a new headache; it denies no sign after it
    ("never had headaches before, the left side of her face is drooping", {"neuro_deficit"}),
    ("never been a headache person, now my left arm feels weak", {"neuro_deficit"}),
    ("never had migraines, no numbness either", set()),
    # a question of what to do about "this" tells what this is
    ("is it serious if this is the most horrendous head pain I've ever had?", {"thunderclap"}),
    ("what would it mean if you had the worst headache of your life?", set()),
    # Spanish: a limb named first and taken up by a pronoun, a limb not felt, a leg dragged
    ("la mano derecha, la tengo entumida desde la mañana", {"neuro_deficit"}),
    ("no siento bien la pierna izquierda", {"neuro_deficit"}),
    ("la pierna la voy arrastrando al caminar", {"neuro_deficit"}),
    # (a comma before a pronoun and its verb starts a new clause: no denial reaches over it)
    ("no tiene fiebre, la arrastra al caminar", {"neuro_deficit"}),
    ("no me siento bien hoy", set()),
    # a lean to one side; a spoon that will not reach the mouth
    ("since lunch he's been tilting to the right when he walks", {"neuro_deficit"}),
    ("she can't get her fork to her mouth properly", {"neuro_deficit"}),
    # another person's name for a familiar one; a question asked again and again, counted
    ("since this morning mum keeps calling me by my aunt's name", {"altered_consciousness"}),
    ("he has asked four times already where his car keys are", {"altered_consciousness"}),
    # a stretch of time gone blank; "zero memory"
    ("the whole afternoon is a complete blank to her", {"altered_consciousness"}),
    ("I have zero memory of the drive home", {"altered_consciousness"}),
    # the denial raised to "think"
    ("I don't believe she knows what day it is", {"altered_consciousness"}),
    ("I don't think I fainted, just felt woozy", set()),
    # nothing, then the worst, in the time a small act takes
    ("fine, then agony in the time it took me to sneeze", {"thunderclap"}),
    # two of a thing, with how the two lie
    ("there are two clocks on the wall, one on top of the other", {"neuro_deficit"}),
    ("I bought two lamps for the bedside, side by side", set()),
    # an explained numbness after a comma ("..., it's because I was lying on it")
    ("my foot went numb, no wait, that's because I'd been kneeling on it", set()),
    # Spanish: "es señal de" names a feared illness; a sign told before it stays
    ("leí que la boca torcida es señal de derrame, pero yo no la tengo", set()),
    ("tengo la cara caída de un lado, ¿es señal de derrame?", {"neuro_deficit"}),
    ("se le torció la boca hace media hora", {"neuro_deficit"}),
    ("se me cae la cara de vergüenza con esto", set()),
    ("tengo el párpado caído desde que nací", set()),
    # "I couldn't say." is "I don't know", never a lost voice
    ("I couldn't say, to be honest", set()),
    ("he couldn't say anything, just stared", {"neuro_deficit"}),
])
def test_classes_from_the_v_writers(text, expected):
    _assert_rules(text, expected)


# What a review of the v-round's first version found (a code review's inputs and a probing
# reviewer's own labelled messages), each class fixed before landing
@pytest.mark.parametrize("text, expected", [
    # a filler keeps a denial going only after a verb of being ("I haven't been, you know, ...");
    # after a denial of something else it hides nothing
    ("No pain, you know, slurred speech since this morning", {"neuro_deficit"}),
    ("not dizzy, I guess, face drooping on the left", {"neuro_deficit"}),
    ("Haven't been sick, I mean, numb face", {"neuro_deficit"}),
    # "never had headaches that hurt this much" is the worst headache, no first one
    ("I've never had headaches that hurt this much", {"thunderclap"}),
    # the factive "if" only of how serious it is
    ("If it's bad enough that I pass out I'll call an ambulance", set()),
    ("if it's the case that my face droops I'd ring 999", set()),
    # another's name, only said as new
    ("the kids keep calling me by my sister's name", set()),
    ("since lunch she's been calling me by my dad's name", {"altered_consciousness"}),
    # where he is going with his career; a night blank from drink; "can't say anything for sure"
    ("I don't think he knows where he is going with his career", set()),
    ("the whole night is a blank, I was so drunk", set()),
    ("I can't say anything for sure", set()),
    # a spoon that misses the mouth is coordination: a hedge about a stroke does not hide it
    ("dad can't get his fork to his mouth straight, could it be a stroke?", {"neuro_deficit"}),
    # posture and things are no lean; two things side by side are no double vision unless seen so
    ("my head tilts to the left when I'm at the computer", set()),
    ("the fence is tilting to the left", set()),
    ("the pain is in two spots side by side on my temple", set()),
    ("there are two of you", {"neuro_deficit"}),
    # Spanish: a glum face, a bag dragged; a sign told before someone else's "es señal de"
    ("mi hijo anda con la cara caída porque está triste", set()),
    ("el carrito lo arrastro al andar", set()),
    ("mi padre ve doble desde esta mañana, mi hermana dice que es señal de derrame", {"neuro_deficit"}),
    ("no tiene fiebre, la cara la tiene torcida", {"neuro_deficit"}),
    # a relative's event dated now is theirs now, no history
    ("my son had a seizure for the first time ever an hour ago", {"altered_consciousness"}),
    ("my dad had a stroke in 2015 and is fine now", set()),
    # asked by me is no memory loss; the same thing asked five times is
    ("I've asked three times when my appointment is", set()),
    ("she asked me the same thing five times in ten minutes", {"altered_consciousness"}),
    ("my arm went numb at lunch, nothing since then", {"neuro_deficit"}),
])
def test_what_the_review_of_the_v_round_found(text, expected):
    _assert_rules(text, expected)


# Classes from the aa round's development half (aa1, aa3), each in wordings of our own
@pytest.mark.parametrize("text, expected", [
    # a limb that has lost its strength, with words between
    ("my right hand seems to have lost all its strength since lunch", {"neuro_deficit"}),
    ("the power has drained out of her left leg", {"neuro_deficit"}),
    ("my phone has lost its grip case", set()),
    # what is seen has a twin, or is shown twice
    ("the newsreader looked like she had a twin next to her", {"neuro_deficit"}),
    ("the words on the screen were written twice", {"neuro_deficit"}),
    ("I printed the form twice because the first copy jammed", set()),
    ("my sister has a twin", set()),
    # part of what is seen is not there: "isn't there" is the sign's own wording
    ("the bottom half of what I see is not there", {"neuro_deficit"}),
    # "that's not like me" of something done; not "it's not like me to complain"
    ("he forgot to pick up his son and didn't even care, that's not like him at all", {"altered_consciousness"}),
    ("ive had this headache for 3 days, thats not like me", set()),
    ("it's not like me to moan, but my shoulders are in knots", set()),
    ("she went to bed early, it's not like her at all to skip dinner", set()),
    # (a comma before "that's" starts a clause, unless a dating follows it)
    ("I was knocked out once, that's over twenty years ago now", set()),
    ("this headache is nothing like my usual ones", set()),
    # an answer's "no" before "never": the "never" carries the denial
    ("no never had them before, this began after I banged my head on a shelf a month ago", {"recent_head_injury"}),
    ("no never any numbness", set()),
    ("stiff neck? no never", set()),
    ("no, not weak at all", set()),
    # a thing that does not bother the person is denied
    ("my neck aches from the desk, no fever, and bright light doesn't bother me", set()),
    ("la luz no me molesta y no tengo fiebre", set()),
    ("fever and a really stiff neck, the light doesnt bother me though", {"meningism"}),
    # an age: told with "aged" or "at age", a past; an apposition "my son, aged 9," is now
    ("I passed out once aged fourteen at a concert, never since", set()),
    ("a concussion at 19 (I'm 40 now), that's all", set()),
    ("my daughter, aged 13, fainted in assembly this morning", {"altered_consciousness"}),
    ("my son, aged 9, had a fit an hour ago", {"altered_consciousness"}),
    ("my husband aged 45 during sex got the worst headache of his life in a second", {"thunderclap"}),
    ("mum aged seventy, sudden worst headache ever and cant move her right side", {"thunderclap", "neuro_deficit"}),
    ("my son aged 8, fell off the climbing frame and was knocked out and keeps vomiting", {"head_injury_severe"}),
    # a clock time is no age
    ("my hand went numb at 11, and it's still numb", {"neuro_deficit"}),
    # a limb gone to sleep from how one sat is its pins and needles, no weakness either; the
    # words of a numbness a pattern read lend a learned weakness none
    ("el brazo dormido de estar acostada encima", set()),
    ("my leg went to sleep from sitting and now it wont hold my weight", {"neuro_deficit"}),
    ("my right arm went to sleep from lying on it and now i cant raise it above my head", {"neuro_deficit"}),
    ("my leg went to sleep from sitting on it and now it's weak and I can't lift it", {"neuro_deficit"}),
    ("tengo el brazo dormido y sin fuerza desde esta mañana", {"neuro_deficit"}),
    # where it hurts, answered, is no sign: an eye alone is no lost sight
    ("left eye only", set()),
    ("behind r eye", set()),
    ("my left eye has gone dark", {"neuro_deficit"}),
    # face down is a posture, not a face
    ("I slept face down with my neck twisted and woke up stiff", set()),
    ("since I fell face first, my mouth has been crooked", {"neuro_deficit"}),
])
def test_classes_from_the_aa_writers(text, expected):
    _assert_rules(text, expected)


# Classes of language found on the ab round's development half (ab1, ab3), in wordings of
# our own.
@pytest.mark.parametrize("text, expected", [
    # sleepier than the person is as a rule is unusually sleepy
    ("she is much drowsier than she usually is and has a headache", {"altered_consciousness"}),
    ("más adormilada de lo normal y con dolor de cabeza", {"altered_consciousness"}),
    ("I'm no more sleepy than usual, just a sore neck", set()),
    # alarm at a bill or at other people, said with a sign's name
    ("I almost had a heart attack when the gas bill arrived, and now my temples throb", set()),
    ("the kids will give me a stroke one of these days, tension headache again", set()),
    ("por poco me da un infarto al ver el precio, ahora me duele la nuca", set()),
    ("almost fainted when I saw that my face had dropped on one side", {"neuro_deficit"}),
    ("I nearly blacked out after standing up and my speech is slurred", {"altered_consciousness", "neuro_deficit"}),
    # a denial that ends in the sign's first word ("not been" + "been sick")
    ("not been sick, not been confused, just a sore neck", set()),
    ("she's not been sick once, but she's been very confused since the fall", {"altered_consciousness"}),
    # an age then and an age now, with words between; "the old ..." is history
    ("had a blackout at 22 on a night out, none since and I'm 50 now", set()),
    ("my old concussion from boxing, does that matter?", set()),
    ("she had a fit at 15 this morning, nothing since", {"altered_consciousness"}),
    ("I had a seizure once at 17 at a festival, nothing since", set()),          # once at an age
    ("she fainted once at 14 20 and again at 15 00", {"altered_consciousness"}),  # a clock time
    ("de joven tuve una convulsión, pero de eso hace 30 años", set()),
    ("me desmayé en una boda, pero desde aquello han pasado muchos años", set()),
    # "my whole / entire / natural life"
    ("the worst headache of my natural life hit me in seconds", {"thunderclap"}),
    # "once" of how often is no sudden onset (the retrain had read one)
    ("ibuprofen every once in a while", set()),
    ("tomo algo de vez en cuando", set()),
    ("it came on all at once, the worst ever", {"thunderclap"}),
    # (after the retrain) none of the others came close is the worst; not knowing which floor
    # or how one got here is confusion; what is "like always" is no new sign
    ("twenty years of migraines and nothing I've had compares to this", {"thunderclap"}),
    ("she doesn't know which ward she is on or how she got here", {"altered_consciousness"}),
    ("mum is muddled about dates like always, nothing new, just a sore neck today", set()),
    ("he's muddled as usual but today he can't lift his arm", {"neuro_deficit"}),
])
def test_classes_from_the_ab_writers(text, expected):
    _assert_rules(text, expected)


# What a review of the ab rules found before they landed (its own probes): each had made an
# emergency unseen or a needless one.
@pytest.mark.parametrize("text, expected", [
    # "hace mucho rato" is a while ago today: only years or a long time date a past
    ("tiene fiebre y el cuello rígido, y de eso hace mucho rato", {"meningism"}),
    ("le dio una convulsión y de eso hace ya mucho rato, sigue muy dormido", {"altered_consciousness"}),
    # a clock time before "nothing since" is no age: only "I'm N now" makes one
    ("had a fit at 13 in the afternoon, nothing since", {"altered_consciousness"}),
    ("my daughter had a fit at 20 to 4, none since, she's very sleepy now", {"altered_consciousness"}),
    ("temp was up at 39 and he had a fit, none since", {"altered_consciousness"}),
    # "previous" can be this morning's
    ("the previous seizure was this morning, he's had two today", {"altered_consciousness"}),
    ("the previous concussion was last week and now he's vomiting", {"head_injury_severe"}),
    # a near faint at the pain, at getting up or at a noise in the head is no fright
    ("I nearly passed out when it came on", {"altered_consciousness"}),
    ("casi me desmayo cuando llegó el dolor de cabeza", {"altered_consciousness"}),
    ("he nearly collapsed when he got up off the sofa", {"altered_consciousness"}),
    ("I almost passed out when I heard a pop in my head", {"altered_consciousness"}),
    ("I think the headache was what gave him a seizure this morning", {"altered_consciousness"}),
    # a slip of the first letter still reaches the clinical word
    ("I gainted this morning with the headache", {"altered_consciousness"}),
    ("sudden couble vision", {"neuro_deficit"}),
    ("she is really rowsy after banging her head", {"head_injury_severe"}),
    # "not been able to" and "not got any feeling" are the lost ability itself
    ("I've not been able to lift my left arm since lunch", {"neuro_deficit"}),
    ("not got any feeling in my left hand since an hour ago", {"neuro_deficit"}),
    ("he's never been sick like this, vomiting 5 times since banging his head", {"head_injury_severe"}),
    # no needless emergency: drowsier on new tablets; the worst of a working life
    ("I'm a bit drowsier than normal on the new tablets", set()),
    ("stress is at its worst in my work life and I get tension headaches", set()),
])
def test_what_the_review_of_the_ab_rules_found(text, expected):
    _assert_rules(text, expected)


# A fever with a common infection told too (a flu, a cold, a cough, aching all over) is what a
# headache with a fever usually is: no sign by itself (SNNOOP10's systemic sign is an
# unexplained fever); with a stiff neck it is meningism all the same, and it is still read
# as half of meningism later in the conversation.
@pytest.mark.parametrize("text", [
    "came down with flu yesterday, temp 38, aching all over",
    "streaming cold and a temperature, head pounding",
    "fever of 38 and a sore throat",
    "tengo gripa con calentura y me duele la cabeza",
])
def test_a_fever_with_a_common_infection_fires_no_rule(text):
    assert "fever" in red_flags.concepts_in(text)
    assert {f.id for f in red_flags.detect(text)} == set()


@pytest.mark.parametrize("text, expected", [
    ("got a cold, a high temperature and my neck has gone rigid", {"meningism"}),
    ("no cold or flu symptoms, just a high temperature", {"systemic_symptoms"}),
    ("fever for three weeks and a headache that won't go", {"systemic_symptoms"}),
])
def test_an_infection_explains_only_the_fever(text, expected):
    assert {f.id for f in red_flags.detect(text)} == expected


def test_a_fever_with_a_cold_told_first_and_a_stiff_neck_later_is_meningism():
    concepts = red_flags.concepts_in("got a cold and a fever") | red_flags.concepts_in("and now my neck is really stiff")
    assert {f.id for f in red_flags.evaluate(concepts, Facts(), {})} == {"meningism"}


# Classes of language from the ac round's development half (speech-to-text answers, dialects,
# signs told in an answer to another question), in wordings of our own.
@pytest.mark.parametrize("text, expected", [
    # a number or a question word by itself is no sign's word
    ("thirty-two", set()),
    ("I have two paracetamol when it starts", set()),
    ("day two of a three-day course and my shoulders are in knots", set()),
    ("it stabs for a second or two, a six out of ten", set()),
    ("my sight greys out for a second or two when I stand", {"papilloedema_signs"}),
    ("there are two kettles on the worktop", {"neuro_deficit"}),
    ("the clock on the wall has gone into two", {"neuro_deficit"}),
    ("Where? All over really, worst at the front", set()),
    ("where? back of the neck mostly", set()),
    ("I see two of everything", {"neuro_deficit"}),
    ("I can see two kettles", {"neuro_deficit"}),
    ("no sé dónde estoy", {"altered_consciousness"}),
    ("no clue where I was for a minute, head pounding", {"altered_consciousness"}),
    ("¿Dónde? En la nuca y las sienes", set()),
    # a knock to another part of the body is no head injury; the head knocked too is
    ("caught my elbow on the door frame yesterday", set()),
    ("hit my arm on the climbing frame and then her head, she's vomiting now", {"head_injury_severe", "recent_head_injury"}),
    ("twisted my ankle in a motorbike accident and my head is killing me", {"head_injury_major", "recent_head_injury"}),
    ("hit my shoulder on the pavement and then my head bounced off it", {"recent_head_injury"}),
    ("hit my hand on the wall and cut my head open", {"recent_head_injury"}),
    ("me golpeé la rodilla con la mesa y me duele la cabeza", set()),
    ("banged my knee and my head on the cupboard", {"recent_head_injury"}),
    ("whacked the back of my head on a shelf and I've thrown up since", {"head_injury_severe", "recent_head_injury"}),
    # a bad injury weeks to a few months back, the headache still there: a recent head injury
    ("I came off my motorbike five weeks ago and the headaches haven't stopped", {"recent_head_injury"}),
    ("we had a car crash a couple of months ago, she has had headaches ever since", {"recent_head_injury"}),
    ("since the crash on the motorway, about six weeks now, my head hurts daily", {"recent_head_injury"}),
    ("me caí de la escalera hace dos semanas y sigo con dolor de cabeza", {"recent_head_injury"}),
    ("two weeks ago I came off my bike at speed, headaches since", {"recent_head_injury"}),
    # ... not when the date is someone else's or another event's
    ("headaches started two weeks ago and I just fell off a ladder", {"head_injury_major", "recent_head_injury"}),
    ("my dad had a bad fall in the care home he moved into three weeks ago", {"head_injury_major", "recent_head_injury"}),
    ("I started warfarin a month ago and I had a bad fall this afternoon", {"head_injury_major", "recent_head_injury"}),
    # ... not when the sentence comes back to the present before the injury
    ("three weeks ago the headaches began and this morning I fell off a ladder", {"head_injury_major", "recent_head_injury"}),
    ("headaches since last month, then I came off my motorbike at speed an hour ago", {"head_injury_major", "recent_head_injury"}),
    ("I fell off the roof", {"head_injury_major", "recent_head_injury"}),
    # things on one side not seen or walked into: half of the field of vision gone
    ("she only ate the right half of her dinner and said she never saw the food on the left", {"neuro_deficit"}),
    ("I hadn't seen any of the words down the right side of the page", {"neuro_deficit"}),
    ("he keeps walking into door frames on his left", {"neuro_deficit"}),
    ("I didn't see the cyclist on my left until he shouted", set()),
    # someone or something else out of nowhere is no sudden onset; the pain out of nowhere is
    ("a van came out of nowhere and I had to brake hard, now my neck aches", set()),
    ("this hammering came out of nowhere", {"thunderclap"}),
    ("it was as if a car came out of nowhere and smashed into the back of my skull", {"thunderclap"}),
    ("the pain came out of nowhere", {"thunderclap"}),
])
def test_classes_from_the_ac_writers(text, expected):
    assert {f.id for f in red_flags.detect(text)} == expected


# A word the patterns spell as a stem and its endings ("concuss(ion|ed)") is a word of the
# knowledge files like any other: a misspelling is corrected into it, not into the word
# spelt out whole that is equally one edit away.
@pytest.mark.parametrize("text, read", [
    ("had a concusion last week", "had a concussion last week"),
    ("she was convulsng", "she was convulsing"),
])
def test_misspellings_read_as_the_words_patterns_spell_by_stem(text, read):
    from bot import normalise

    assert normalise.normalise(text).text == read


def test_stems_with_endings_are_whole_words():
    from bot.normalise import _stems_with_endings

    assert _stems_with_endings(r"\bconcuss(ion|ed)\b|\bdroop(s|ing)?\b") == {
        "concussion", "concussed", "droops", "drooping", "droop"}


# Classes from the ad round's development half (our own wordings).
@pytest.mark.parametrize("text, expected", [
    # a denial hedged with "seem to", the day named, a home not known
    ("my husband doesn't appear to know it's Sunday and has a headache", {"altered_consciousness"}),
    ("dad didn't seem to know where he lives this morning, bad head", {"altered_consciousness"}),
    # taking a familiar place for another, asked again and again
    ("gran keeps asking whose house this is, it's her own, and she has a headache", {"altered_consciousness"}),
    ("she kept asking where she is even though she's in her own kitchen, complains of her head", {"altered_consciousness"}),
    # drifting to one side on a walk, held up to walk
    ("every time I stand up and walk I drift over to the right, headache too", {"neuro_deficit"}),
    ("my son has to hold me up to get to the bathroom, my head is pounding", {"neuro_deficit"}),
    # a head caught on something
    ("clipped my head on the car door frame yesterday and it still aches", {"recent_head_injury"}),
    # staying awake as a purpose is no drowsiness; as a struggle it is
    ("I drink energy drinks to stay awake on nights and my neck is stiff", set()),
    ("hard to stay awake this afternoon and the headache is awful", {"altered_consciousness"}),
    # sight gone for seconds and back is raised pressure's blackout, not lost sight
    ("for a couple of seconds my eyes go dark then it comes back, headache every morning",
     {"papilloedema_signs"}),
    # found by the review: a struggle to stay awake told any other way is still the sign; a
    # first time in a life with a degree after it is still the worst ever; an age in brackets
    # never overrides one said outright; someone not responding
    ("it is really difficult for him to stay awake tonight", {"altered_consciousness"}),
    ("cannot seem to stay awake since lunch, head thumping", {"altered_consciousness"}),
    ("first time in my life I get headaches as bad as this", {"thunderclap"}),
    ("first time in her life she has had headaches, over the last month", set()),
    ("when I get out of bed the ache goes over to the right side", set()),
    ("I didn't know it was Friday already, busy week, neck is tight", set()),
    ("she did not respond when we spoke to her for a minute, bad headache", {"altered_consciousness"}),
    ("the headache did not respond to paracetamol", set()),
    ("my monitor flickers and for a few seconds it goes black, eyes tired", set()),
])
def test_classes_from_the_ad_writers(text, expected):
    _assert_rules(text, expected)


# Ordinary sleep and spans of time are no evidence for the learned layer, as classes rather
# than listed phrases (lookalikes.yml patterns): sleep that eases the pain, a sleeping position,
# one nap in a seat or a nap told as the cause of a stiff neck, sleeping well, and a span of
# time spent "like this". Each left-hand wording is blanked out of what the learned layer reads; the right-hand
# wording keeps its sign words.
@pytest.mark.parametrize("text, blanked, kept", [
    ("it is gone once she has had a kip", "kip", None),
    ("im usually better after ive slept for a few hours", "slept", None),
    # lying down that eases it is a posture (positional), never blanked
    ("eases off if he lies down", None, "lies down"),
    ("after a long nap it settles", "nap", None),
    ("he kips on his belly with his head turned", "kips", None),
    ("she lies on her left side most nights", "lies", None),
    ("i think its the position i sleep in", "sleep", None),
    ("duermo boca abajo casi siempre", "duermo", None),
    ("dozed off on the settee last night and woke with a crick", "dozed", None),
    ("stiff from nodding off in the car against the window", "nodding", None),
    ("he sleeps like a log, it is the laptop", "sleeps", None),
    # the hour of the night a headache wakes someone is read as any words are
    ("im up at 3am with it every night", None, "3am"),
    ("a fortnight like this now", "like this", None),
    ("has been like this on and off since easter", "like this", None),
    ("lleva así tres semanas", "así", None),
    # the sign stays readable
    ("she keeps nodding off at the table and is hard to wake", None, "nodding off"),
    ("never had pain like this in my life", None, "like this"),
    ("after a nap and still cant keep his eyes open", None, "nap"),
])
def test_ordinary_sleep_and_spans_are_no_learned_evidence(text, blanked, kept):
    from bot import normalise

    written = normalise.normalise(text).text
    read = red_flags.for_learning(written)
    if blanked:
        assert blanked in written and blanked not in read
    if kept:
        assert kept in read


def test_a_headache_waking_someone_lends_drowsiness_no_words():
    kb = red_flags._knowledge()
    assert "wakes_from_sleep" in kb.learned_yields_to["drowsiness"]


# Someone else in the home unwell too, said in Spanish, is carbon monoxide's shared-household
# sign as it is in English.
@pytest.mark.parametrize("text, expected", [
    ("a mi marido también le duele la cabeza desde que pusimos la estufa", {"carbon_monoxide"}),
    ("mis hijos también están mareados y a mí me duele la cabeza", {"carbon_monoxide"}),
    ("los dos con dolor de cabeza desde ayer en casa", {"carbon_monoxide"}),
    ("a mi marido no le duele nada, solo a mí la cabeza", set()),
    ("mi mamá también tiene dolor de cabeza, somos de familia migrañosa", set()),
])
def test_others_unwell_too_in_spanish(text, expected):
    _assert_rules(text, expected)


# Classes from the ae round's development half (our own wordings).
@pytest.mark.parametrize("text, expected", [
    # Spanish: acting strange or changed, a temper that is not theirs
    ("mi esposo anda rarísimo desde ayer y le duele la cabeza", {"altered_consciousness"}),
    ("a mi madre la notamos cambiada, se pone agresiva y se queja de la cabeza", {"altered_consciousness"}),
    ("le duele la cabeza y tiene un carácter que no es de él", {"altered_consciousness"}),
    ("no es propio de él quejarse tanto de la cabeza", set()),
    # "embarrassed" for "embarazada", with the weeks or a baby
    ("I am embarrassed of 8 months and my head is very strong pain, my feet very swollen",
     {"pregnancy", "preeclampsia"}),
    ("I am embarrassed to ask but my neck is tight from work", set()),
    ("I'm embarrassed to bother you, my baby keeps me up and I have headaches", set()),
    # an age then, told with an approximation, is long ago
    ("got knocked out at rugby when I was about 14, I'm 30 now, this is a tension headache", set()),
    # a count of times, a question someone asks once: no memory loss, no confusion
    ("it has happened three times this month, always after long shifts at the screen", set()),
    ("my manager asked if I could cover the weekend and now my shoulders are in knots", set()),
    ("he keeps asking us where he is, bad head", {"altered_consciousness"}),
    # found by the review: a count of minutes is no age then; a calque of lost consciousness
    ("when I was only 10 minutes into my run my head exploded, worst pain of my life", {"thunderclap"}),
    ("i lost the knowledge in the bathroom and my son find me in the floor, head hurts", {"altered_consciousness"}),
    ("mi vista anda rara y tengo dolor de cabeza", set()),
    ("mi hijo se pone agresivo cuando tiene hambre y le duele la cabeza", set()),
    # a pet or a thing acting strange is no personality change
    ("me duele la cabeza desde ayer y el gato anda rarísimo también", set()),
    # how a bout ends is not how it starts; a life without headaches is no worst-ever
    ("a dull ache at the back for an hour, then it stops like someone flicked a switch", set()),
    ("the pain went suddenly from nothing to 10", {"thunderclap"}),
    ("I've never been one for headaches, this one crept up over the week", set()),
    ("I've never been one for headaches but this is the worst ever", {"thunderclap"}),
])
def test_classes_from_the_ae_writers(text, expected):
    _assert_rules(text, expected)


# Answers to the interview's questions from the cw18 conversations' classes (our own wordings):
# "ever" of the usual, a clock time, a night of work, are no signs.
@pytest.mark.parametrize("text, slot", [
    ("I've had these for years, the same as ever", "history"),
    ("since half past two this afternoon", "duration"),
    ("4, creeping up to 6 towards the end of my shift", "severity"),
    ("it builds through the shift, I'm on permanent nights", "triggers"),
    ("she sleeps like a baby, it's the laptop on the sofa that does it", "triggers"),
    ("round the back of my head and up over the top", "location"),
    ("a tight ring right around my skull", "location"),
])
def test_ordinary_answers_carry_no_sign(text, slot):
    from bot import interview

    assert [f.id for f in interview.message_red_flags(text, slot)] == []


# Classes a review found missing (our own wordings): a blast told with any verb of one at any
# part of the head; a loss of words told past the first two words ("could not think of the
# right word"); a sentence that will not come; a person who stared, then did not respond;
# asking whether it is a named time; "not knowing where"; Spanish saying things in the infinitive.
@pytest.mark.parametrize("text, expected", [
    ("out of the blue it detonated at the base of my skull", {"thunderclap"}),
    ("her skull felt like it cracked in two, then she was sick", {"thunderclap"}),
    ("my head felt like it was going to split open after the wine", set()),
    ("a thought popped in my head that it might be my pillow, neck is stiff", set()),
    ("alarm bells went off in my head when I read the leaflet, but I have no symptoms", set()),
    ("he is asleep now but at lunch he could not think of the proper word for a spoon",
     {"neuro_deficit"}),
    ("I cant remember the last time I had one this bad", set()),
    ("I can't finish a sentence at home without the kids interrupting, tension headache", set()),
    ("my husband sat staring at the telly and then did not respond when I said his name",
     {"altered_consciousness"}),
    ("the pain came on slowly and did not respond to paracetamol", set()),
    ("grandad keeps asking us whether it is still winter and it is August", {"altered_consciousness"}),
    ("she woke from her nap not knowing where she was, head pounding", {"altered_consciousness"}),
    ("mi abuelo tiene dolor de cabeza y empezó a decir cosas que no tienen sentido",
     {"altered_consciousness"}),
])
def test_classes_from_the_af_review(text, expected):
    _assert_rules(text, expected)


# Classes from the af development half (carers of older people, vivid speakers), in our own
# wordings: one moment well and the next in pain; insisting on the wrong season; a Spanish
# speaker's relative who did not answer or went absent; a recent part of the day forgotten with
# more; forgetfulness as a lifelong trait; a pain "nothing like" the usual ones; a vehicle in a
# simile; "nothing like a thunderclap" denied.
@pytest.mark.parametrize("text, expected", [
    ("one minute he was fine watching the match, the next he was gripping his head", {"thunderclap"}),
    ("it came on in a heartbeat while I was lifting the shopping", {"thunderclap"}),
    ("nan keeps insisting it is christmas eve and it is the middle of july, she has a headache",
     {"altered_consciousness"}),
    ("mi papá tiene dolor de cabeza, se quedó mirando al vacío y no nos contestaba", {"altered_consciousness"}),
    ("mi hija no contesta los mensajes y a mí me duele la cabeza", set()),
    ("el dolor de cabeza no responde al paracetamol", set()),
    ("head sore since yesterday, I can't recall what I had for breakfast or where I went after",
     {"altered_consciousness"}),
    ("Mum has always been useless at remembering where she leaves her glasses, tension headache today", set()),
    ("mi abuela siempre ha sido muy despistada, hoy le duele el cuello y la cabeza", set()),
    ("twenty years of migraines and this is nothing like my usual ones, the worst I've ever had",
     {"thunderclap"}),
    ("feels as if I'd been flattened by a steamroller, it built up over the week", set()),
    ("it was nothing like a thunderclap, it crept up over the afternoon", set()),
    # a part checked "to see if" it shows a sign; Spanish "la tengo igual", "hablo normal"
    ("worried sick, I keep looking at my smile in the mirror to see if it has slipped, it hasn't", set()),
    ("me he mirado al espejo y la boca la tengo igual, muevo los brazos bien, es el estrés", set()),
    ("he checked my face to see if it had dropped and the left side has", {"neuro_deficit"}),
])
def test_classes_from_the_af_writers(text, expected):
    _assert_rules(text, expected)


# What a second review found the first version of those classes read wrongly (our own
# wordings): a witness's "looks like" is a report, not a simile; the writer dating the
# headaches by a month; a question of the date alone; messages, bosses and tablets that do not
# answer; a mood between "one minute" and "the next"; a lightbulb or a boil in the head; a brain
# that "felt like it exploded" after an exam; everyday forgetting; "hit by a bus" of malaise.
@pytest.mark.parametrize("text, expected", [
    ("it looks like he was knocked down by a van, his head is bleeding and he keeps being sick",
     {"head_injury_major"}),
    ("I reckon it was March when these started, I sit at a laptop all day", set()),
    ("my lad asked if it was Saturday yet, I have a tension headache", set()),
    ("nan asked if it was Easter and it is only February, she has a bad head", {"altered_consciousness"}),
    ("mi novio no me contesta los mensajes y me duele la cabeza de los nervios", set()),
    ("la jaqueca no respondía a nada, es la de siempre", set()),
    ("le hablábamos y no reaccionaba, ahora le duele mucho la cabeza", {"altered_consciousness"}),
    ("my daughter read my message and didnt reply, stress headache again", set()),
    ("she stared at the wall and wouldn't answer us for a good minute", {"altered_consciousness"}),
    ("one minute I'm happy, the next I'm anxious about money and my jaw aches", set()),
    ("the penny dropped and a lightbulb went off in my head, it's my posture", set()),
    ("a spot burst at the back of my head, it's a bit sore", set()),
    ("my brain felt like it broke after the board meeting, tension headache", set()),
    ("I dont remember what I took earlier, maybe two paracetamol, neck is tight", set()),
    ("I feel like I was hit by a bus, headache and aching after the flu jab", set()),
    ("se despertó de la siesta sin saber dónde estaba y con dolor de cabeza", {"altered_consciousness"}),
])
def test_what_the_review_of_the_af_classes_found(text, expected):
    _assert_rules(text, expected)


def test_a_burst_of_pain_is_no_blast():
    """"A sharp burst at the back of my head" names a pain, not something that burst there."""
    found = {f.id for f in red_flags.detect("only when I sneeze: a quick burst at the top of my head for a second or two")}
    assert found == {"precipitated"}


@pytest.mark.parametrize("text, blanked, kept", [
    ("I work across three big monitors and lean in", "three", "monitors"),
    ("I see two screens where there is only one", None, "two screens"),
    ("carrying the baby on my left arm all day", "arm", "carrying the baby"),
])
def test_screens_of_a_desk_and_a_load_on_an_arm_are_no_learned_evidence(text, blanked, kept):
    from bot import normalise

    read = red_flags.for_learning(normalise.normalise(text).text)
    if blanked:
        assert blanked not in read.split()
    assert kept in " ".join(read.split())


# Classes from the ag development half (carers and relatives of older people), in our own
# wordings: "making sense" said of someone is no confusion, "makes no sense" of a person is; a
# fear that every headache is a stroke; pushing a chair or a pram is a load, not straining; the
# day's heat in degrees outside is no fever; a new aphasia by its name; Spanish "no hay forma de
# tenerla despierta" and "no se acordaba de que vine"; a bout gone in a minute and a usual moment
# of grogginess on waking lend the learned layer nothing; Spanish "peor" alone is "worse", "el
# peor dolor que he tenido" the worst.
@pytest.mark.parametrize("text, expected", [
    ("grandad banged his head on a cupboard a fortnight ago, he is making sense and not sick, "
     "but the headache hangs about", {"recent_head_injury"}),
    ("everything she says makes no sense and her head hurts", {"altered_consciousness"}),
    ("my aunt is 80 and I'm scared every little headache she gets is a stroke; she is chatting and "
     "walking fine, it's her neck", set()),
    ("it's worse after I've been pushing the pram up the hill all morning", set()),
    ("it gets worse when I push hard on the toilet", {"precipitated"}),
    ("a scorcher, 33 degrees outside, I forgot to drink and now a dull headache", set()),
    ("a temperature of 39 degrees and a rash", {"systemic_symptoms"}),
    ("the paramedic on the phone said new dysphasia; he has had it since lunch, and a headache",
     {"neuro_deficit"}),
    ("he doesn't understand a word I say to him, new headache", {"neuro_deficit"}),
    ("mi abuelo no hay manera de mantenerlo despierto y le duele la cabeza", {"altered_consciousness"}),
    ("mi mamá no se acordaba de que ayer comimos juntas y le duele la cabeza", {"altered_consciousness"}),
    ("he sat very still and did not respond to us for a minute", {"altered_consciousness"}),
    ("es peor por las mañanas al despertar y vomito al levantarme", {"raised_pressure"}),
    # a state of mind "as always" is long-standing; a load dragged is no dragging leg
    ("grandpa is as forgetful as always, nothing new, his neck is stiff from the recliner", set()),
    ("dad is confused today, he has always been so sharp", {"altered_consciousness"}),
    ("la maleta la arrastro por la estación y me duele el cuello", set()),
    # what a review of these found: "nothing new" of tablets, a body's heat, "makes no sense" of
    # a thing, aphasia as a job, not understanding a request, Spanish "no hay forma de que
    # siga", a medicine that did not work, and "el peor" said without "vida"
    ("she's confused, nothing new in her tablets, and very drowsy", {"altered_consciousness"}),
    ("está confundida y no es como siempre, le duele la cabeza", {"altered_consciousness"}),
    ("he's roasting, 40 degrees, stiff neck and a headache", {"meningism"}),
    ("she's hardly making sense when I ring her", {"altered_consciousness"}),
    ("it went in seconds from nothing to unbearable", {"thunderclap"}),
    ("which makes no sense because I only get them on Mondays, tight neck", set()),
    ("I teach people with aphasia, long day and a tension headache", set()),
    ("no hay manera de que se quede quieto en clase y me duele la cabeza", set()),
    ("took two nurofen and paracetamol and didnt respond at all, tension again", set()),
    ("es la peor migraña que he tenido", {"thunderclap"}),
    ("arrastra el pie izquierdo desde esta mañana y le duele la cabeza", {"neuro_deficit"}),
])
def test_classes_from_the_ag_writers(text, expected):
    _assert_rules(text, expected)


@pytest.mark.parametrize("text, blanked", [
    ("it hurts when I sneeze and is over again within a few seconds", "seconds"),
    ("she's usually a bit groggy for a minute when she gets up from her nap", "groggy"),
])
def test_a_bout_gone_in_seconds_and_usual_grogginess_are_no_learned_evidence(text, blanked):
    from bot import normalise

    assert blanked not in red_flags.for_learning(normalise.normalise(text).text).split()


# Suddenness told of a thought lends the learned layer nothing; suddenness told of the pain,
# of a sign, or of anything else ("a sudden thump"), is read as written.
@pytest.mark.parametrize("text, blanked, kept", [
    ("all of a sudden I noticed my shoulders were up by my ears", "sudden", None),
    ("de pronto recordé que no había comido nada", "pronto", None),
    ("out of the blue it dawned on me I had skipped lunch", "blue", None),
    ("a sudden thump at the back of my head", None, "sudden"),
    ("a sudden thunderclap of a headache", None, "sudden"),
    ("had a sudden and vicious pain at the back", None, "sudden"),
    ("suddenly my arm went heavy", None, "suddenly"),
    ("de repente un dolor horrible", None, "repente"),
])
def test_suddenness_of_something_else_is_no_learned_evidence(text, blanked, kept):
    from bot import normalise

    read = red_flags.for_learning(normalise.normalise(text).text).split()
    if blanked:
        assert blanked not in read
    if kept:
        assert kept in read


# Classes found on the blind development conversations cw20 and cw22, in wordings of our own:
# a count of what is not seen is no double vision (what is seen counted still is); kin named
# like a name with their illness is family history ("since grandad's aneurysm"), their state
# now is not; a span after "my wife is" is no age of a person written for ("30 weeks
# pregnant": the writer's own head aches); Spanish "lo mismo" alone is no memory loss.
@pytest.mark.parametrize("text, expected", [
    ("I have had two headaches this week", set()),
    ("I carry two bags on the same shoulder every day, tight neck", set()),
    ("there are two of the kettle when I look at it and my head is pounding", {"neuro_deficit"}),
    ("veo todo doble y me duele la cabeza", {"neuro_deficit"}),
    ("ever since grandads aneurysm I check every headache, this is my neck again", set()),
    ("nan's tumour scared us all, but this is my usual desk headache", set()),
    ("dad's face has dropped on one side and he has a bad headache", {"neuro_deficit"}),
    ("my wife is 30 weeks pregnant, it's my own head that aches from painting the ceiling", set()),
    ("my partner is 32 weeks along, she has a headache and flashing lights", {"preeclampsia"}),
    ("lo mismo que antes, como dos horas", set()),
    # what is seen, counted, is seeing double; kin's illness happening now, or in a message
    # written for them, is theirs now
    ("my daughter says there are two of us and her head is pounding", {"neuro_deficit"}),
    ("dad's stroke started an hour ago", {"neuro_deficit"}),
    ("writing for my dad, dads cancer came back and he has had a new headache for a week",
     {"immune_or_cancer"}),
    ("mi mamá pregunta lo mismo una y otra vez y le duele la cabeza", {"altered_consciousness"}),
])
def test_classes_from_the_cw20_and_cw22_conversations(text, expected):
    _assert_rules(text, expected)



# Classes from the blind development round ah1 and conversations cw26, in wordings of our own:
# a finding someone told the person is no advice ("the doctor told me I have a tumour"; "told
# me I have to come back if" still is); a sign told twice, first as a condition, counts where
# it is told as now ("droops" too); one moment fine, then agony, is a thunderclap (not a slow
# build); a test for HIV, a transplant ward, the chemo nurse and other people's immune systems
# are no illness of the writer's; a birth told as a partner's is hers, unless written for her
# or the writer tells a birth of their own.
@pytest.mark.parametrize("text, expected", [
    ("the consultant told me I've got a tumour on my kidney, now this new headache", {"immune_or_cancer"}),
    ("me dijeron que tengo un linfoma y desde el lunes me duele la cabeza", {"immune_or_cancer"}),
    ("the gp said i have to go to a&e if i get a stiff neck and a temperature", set()),
    ("the website says go to A&E if your face droops. Well my face droops on the left now", {"neuro_deficit"}),
    ("one moment I was fine, then bang, agony at the back of my head", {"thunderclap"}),
    ("un seg estaba bien y después un dolor brutal en la cabeza", {"thunderclap"}),
    ("one minute I was fine, then it gradually built to agony over the evening", set()),
    ("my hiv screen last month was negative, the headache is from my desk", set()),
    ("my HIV test came back positive in the summer and this headache is new", {"immune_or_cancer"}),
    ("I work in the transplant unit lifting patients, sore neck and head", set()),
    ("I'm a nurse on the chemo ward, lifting all shift, tension headache", set()),
    ("I'm an inpatient on the chemo ward and this headache is new", {"immune_or_cancer"}),
    # a finding denied, or read online, is no finding
    ("the paramedic said she was not confused, only tired", set()),
    ("google says I have a brain tumour lol, it's my neck", set()),
    # a fever only as an item of a list; one side of a document at fault is no lost sight
    ("the office is kept at 18, a temperature that stiffens my neck", set()),
    ("the right side of every page was cut off, the printer is broken", set()),
    # a partner's birth is hers only when the writer tells no birth of their own
    ("my sister is pregnant too, I'm 30 weeks and I have a headache with flashing lights", {"preeclampsia"}),
    ("my wife is pregnant and so am I, 20 weeks, I have a headache and my face is puffy", {"preeclampsia"}),
    ("I had a liver transplant and the headache is new", {"immune_or_cancer"}),
    ("my girlfriend had the baby nine days ago, it's me with the sore head from no sleep", set()),
    ("mi mujer dio a luz hace diez días y yo llevo dolor de cabeza por no dormir", set()),
    ("my girlfriend had the baby nine days ago and she has a pounding headache", {"pregnancy"}),
    ("my partner held my hand at the birth, I had the baby nine days ago, pounding headache", {"pregnancy"}),
    # a sign told as a condition in one sentence and as now in the next, in words of its own
    ("my gp said to come in if headaches wake me at night. Pues esta semana me despierta a las 3", {"wakes_from_sleep"}),
    ("no weakness in my arms. my legs feel a bit tired after the walk", set()),
    ("el dolor no me despierta, duermo toda la noche", set()),
    ("mi abuelo no despierta y le duele la cabeza", {"altered_consciousness"}),
    # a fever in a list after its verb; a worsening within one afternoon is no change over weeks
    ("he has a headache, a temperature and his neck is too stiff to turn", {"meningism"}),
    ("it got gradually worse through the afternoon at my desk", set()),
    ("gradually getting worse over the last two months", {"progressive"}),
    # pregnancy told by an antenatal check, by "I had her", by a named day; lost words in Spanish;
    # one side of what is read missing; a biologic in Spanish
    ("at my 28 week scan they said all fine, but this headache is new and bad", {"pregnancy"}),
    ("I had him 10 days ago and the headache started yesterday", {"pregnancy"}),
    ("my wife had our son last night and now she has a splitting headache", {"pregnancy"}),
    ("a mi padre no le salían las palabras y le salía otra cosa, le duele la cabeza", {"neuro_deficit"}),
    ("the left half of every page was missing when I tried to read", {"neuro_deficit"}),
    ("me ponen un biológico cada mes por la artritis y tengo un dolor de cabeza nuevo", {"immune_or_cancer"}),
])
def test_classes_from_the_ah1_round_and_cw26(text, expected):
    _assert_rules(text, expected)


# Round ai1: a clinician's shorthand, repetition told without an article, someone else "not
# remembering", Scots words, an appointment not to be had before a day, "bar none"; and what
# must stay a sign beside them (a thunderclap told with something brief, a side corrected, a
# filmed sign, a relative who cannot see people until they are close).
@pytest.mark.parametrize("text, expected", [
    ("jabs behind my eye, over in a few seconds each time", set()),
    ("drank a slushie too fast, brain freeze, sharp for 10 secs", set()),
    ("it struck in seconds and was still the worst ever two hours later", {"thunderclap"}),
    ("the dizzy spell passed in seconds but the headache hit like a hammer and hasn't let up", {"thunderclap"}),
    ("it exploded in my head, lasted ten seconds at full force, then the ache stayed all day", {"thunderclap"}),
    ("ED nurse. Sudden occipital HA while lifting, peak < 30 s, vomited x1", {"thunderclap"}),
    ("my migraines peak at the onset of my period every month", set()),
    ("new paresthesia R hand and R face since 0900 with headache", {"neuro_deficit"}),
    ("mum keeps asking same thing over and over, headache since lunch", {"altered_consciousness"}),
    ("he's not remembering anything from this morning and has a bad head", {"altered_consciousness"}),
    ("my doctor was saying same thing, it's just tension", set()),
    ("I'm not remembering who recommended you, tight neck from work", set()),
    ("The GP can't see me till 3pm, stiff shoulders", set()),
    ("she passed out, it lasted a few seconds, and the headache came on like a thunderclap", {"thunderclap"}),
    ("sair heid every mornin an I've been boking", {"raised_pressure"}),
    ("the optician can't see me until next week, eyes tired from screens", set()),
    ("since this morning he can't see us until we're right next to him, and his head hurts", {"neuro_deficit"}),
    ("worst headache I've ever had, bar none", {"thunderclap"}),
    ("el dolor es peor por las mañanas y con el ordenador, cuello cargado", set()),
    ("es el peor dolor de cabeza de mi vida, de golpe", {"thunderclap"}),
    ("her right arm, no wait, her left arm is floppy", {"neuro_deficit"}),
    ("my son filmed me and in the video my mouth droops on one side", {"neuro_deficit"}),
])
def test_classes_from_the_ai1_round(text, expected):
    _assert_rules(text, expected)


# Round aj1 and cw30: a dash joining two clauses, "nothing" before a list of a sign's
# adjectives, Spanish "... ni nada", a neck that moves freely, a face swollen or coloured,
# minutes told as how long so far, "nothing has changed"; and what must stay a sign beside
# them (a denial before the dash, a clause after the list, a neck that barely moves).
@pytest.mark.parametrize("text, expected", [
    ("can't come in this week - my right hand has gone numb since lunch", {"neuro_deficit"}),
    ("not a migraine — my face has dropped on one side", {"neuro_deficit"}),
    ("stiff neck - nope, temperature - nope", set()),
    ("im not sure - you know - if its a stroke, no weakness anywhere though", set()),
    ("fever - no, rash - no, stiff neck - no", set()),
    ("no weakness - my arms are fine, just a tight neck", set()),
    ("nothing droopy or slurred, just a sore jaw from clenching", set()),
    ("nothing weak or numb, but my words keep coming out jumbled", {"neuro_deficit"}),
    ("me duele la nuca de estar en la compu, vómitos ni nada", set()),
    ("se me durmió la mano izquierda, fiebre ni nada", {"neuro_deficit"}),
    ("mi mamá no puede levantar el brazo ni nada desde el almuerzo", {"neuro_deficit"}),
    ("feverish with the flu but he can bend his neck forward no bother", set()),
    ("temp of 38 and she can barely move her neck", {"meningism", "systemic_symptoms"}),
    ("temp of 39, asked if he can put his chin to his chest - he cries out", {"meningism", "systemic_symptoms"}),
    ("his cheeks went bright red in the sun, headache at the temples", set()),
    ("32 weeks along and my face seems puffy today, headache too", {"pregnancy", "preeclampsia"}),
    ("it's been going about 25 minutes now", set()),
    ("hace como 20 minutos que me duele", set()),
    ("went to the top of the scale within 2 minutes", {"thunderclap"}),
    ("it took about 3 minutes or so to hit the top of the scale", {"thunderclap"}),
    ("it hit its max maybe a minute after it began, that was 25 mins ago", {"thunderclap"}),
    ("peaked within roughly 2 minutes", {"thunderclap"}),
    ("reached its worst an hour or so after it started, slow build", set()),
    ("for years, honestly nothing has changed", set()),
    ("my memory and mood haven't changed at all", set()),
    # "ever" of how often, and a headache "like this" had again and again
    ("I hardly ever get headaches, this is a dull ache behind my eyes from screens", set()),
    ("she's had ones like this on and off for years, tight across the forehead", set()),
    ("I've had headaches before but nothing like this, worst ever", {"thunderclap"}),
    ("took less than a minute to hit the top, no knock or fall", {"thunderclap"}),
    ("took 4 minutes to reach the top of the stairs and my head aches after", set()),
    ("it takes 3 minutes to get to 10 on the bike, then a mild headache", set()),
    ("my nephew hit the top bunk with his head and has been sick twice", {"head_injury_severe", "recent_head_injury"}),
    ("I hit the top of my head on a low beam last week and it still aches", {"recent_head_injury"}),
    # someone who does not answer when spoken to, never a phone or messages left unanswered
    ("grandad has a headache and he isn't responding when we talk to him, just staring", {"altered_consciousness"}),
    ("my sister isn't replying to my messages and I've got a stress headache", set()),
    ("he's not answering me, he's in a huff in his room, and I have a headache", set()),
    # half an hour, walking about at night, working outdoors, a chin that reaches the chest
    ("my watch buzzes each half-hour to make me stretch, stiff neck from the desk", set()),
    ("for half an hour now the right half of what I see has gone grey", {"neuro_deficit"}),
    ("it wakes me most nights and I have to get up and pace the landing", {"wakes_from_sleep"}),
    ("when I get up to walk about I keep veering into the wall", {"neuro_deficit"}),
    ("I'm a postie so I'm outdoors all day, tight shoulders and a dull ache", set()),
    ("fever but my son can touch his chest with his chin easily", {"systemic_symptoms"}),
])
def test_classes_from_the_aj1_round(text, expected):
    _assert_rules(text, expected)


@pytest.mark.parametrize("text, expected", [
    # a clause that dates the one before it, after a comma or a dash; never a clause that dates
    # what follows it, nor back to a sentence told today
    ("I blacked out once at a concert, that was nearly 20 years back, now it's just tension", set()),
    ("he had a fit as a toddler - it was about 40 years ago", set()),
    ("my leg went numb this morning, it was years ago I last had a migraine", {"neuro_deficit"}),
    ("I collapsed at work today, that was 2 hours ago", {"altered_consciousness"}),
    ("my hand went numb, that was years ago, and it's numb again since lunch", {"neuro_deficit"}),
    # Spanish: a hand, an arm or a leg that did not respond, in the past tenses too
    ("se me cayeron las llaves porque los dedos no me respondieron y la mano no me obedeció", {"neuro_deficit"}),
    ("el pie izquierdo no le respondió al bajar del bus", {"neuro_deficit"}),
    ("el ibuprofeno no me hizo nada y el jefe no me respondió el mensaje", set()),
    # pregnancy told as weeks in a question of what is safe now
    ("can you take co-codamol when you're 33 weeks? my ankles and hands have swelled up", {"pregnancy", "preeclampsia"}),
    ("is it safe to fly while I'm 30 weeks pregnant, I get tension headaches", {"pregnancy"}),
    ("can I have a glass of wine now that I'm 16 weeks post-op? tension headache today", set()),
    ("if I ever get pregnant, will my headaches get worse?", set()),
    # words someone wrote or typed that came out muddled; never a letter from a bank or a form
    ("my husband messaged me from the train and what he typed was gibberish, then he rang with a headache", {"neuro_deficit"}),
    ("the letter from the council made no sense, I've had a tension headache all day", set()),
    ("her text about the school run made no sense, typical, and my neck is stiff from the desk", set()),
    # a faculty said unchanged is no new loss; a sign said unchanged is still there
    ("his speech and balance haven't altered at all, it's just a tight band", set()),
    ("the tingling down my left side hasn't changed since lunch", {"neuro_deficit"}),
    # someone who stopped responding, or did not blink or answer; never a phone left unanswered
    ("my wife has stopped responding to me, her eyes are open", {"altered_consciousness"}),
    ("grandad didn't move or reply when we called him", {"altered_consciousness"}),
    ("mi abuela no reacciona cuando la llamamos", {"altered_consciousness"}),
    ("my sister isn't answering her mobile and it's given me a tension headache", set()),
    ("my son has stopped replying to my messages, teenagers, and my shoulders ache", set()),
    ("mi hija no me contesta cuando le escribo, y yo con dolor de cuello", set()),
])
def test_classes_from_the_ak1_round(text, expected):
    _assert_rules(text, expected)


@pytest.mark.parametrize("text, expected", [
    # double shifts told as "doubles"; seeing "a double" stays
    ("I get them at the end of a week of doubles at the restaurant", set()),
    ("worked a double yesterday and my shoulders are in bits", set()),
    ("I keep seeing a double of the telly since this morning", {"neuro_deficit"}),
    ("every word on the screen has a double now", {"neuro_deficit"}),
    ("I'm doubling up on paracetamol for this tension headache", set()),
    # a part that feels squeezed or struck is how the pain feels, not lost feeling
    ("my temples feel like someone has them clamped, tight all day at the desk", set()),
    ("my cheek feels like it's been punched and now the left side has gone numb", {"neuro_deficit"}),
    # the glass test done, or passed, is no sign; failed, it is
    ("no rash at all, I only did the glass test on a mozzie bite to be sure", set()),
    ("feverish and the spots on her legs failed the glass test", {"non_blanching_rash", "systemic_symptoms"}),
    ("temp 39, did the glass test and the marks remained", {"non_blanching_rash", "systemic_symptoms"}),
    # a cause put aside with "not because"
    ("I stopped reading, not because I couldn't make out the page, just the ache behind my eyes", set()),
    # a span of a quarter of an hour or more is how long, never a peak within minutes
    ("it's been like 25 minutes to 40 minutes, dull and tight", set()),
    ("I get bouts behind my left eye of 20 minutes to 2 hours and that eye streams", {"cluster_pattern"}),
    ("about 3 minutes from nothing to the worst pain I've known", {"thunderclap"}),
])
def test_classes_from_the_cw32_round(text, expected):
    _assert_rules(text, expected)

