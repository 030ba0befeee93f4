"""Regenerate common-passwords.txt: `python services/auth/data/make_common_passwords.py`.

No installed package ships a common-password list, so this one is built from what breach corpora and
the yearly "worst passwords" lists show people actually choose: the most frequent passwords themselves,
and the patterns behind most of the rest (a common word or name, capitalised or not, with a year, a
short number or "!" after it; leetspeak; keyboard walks; digit runs), English and German (CityFix starts
in Brandenburg). Only entries of 8 characters or more are kept: shorter ones are refused by length
already. Entries are lower case; the service compares case-insensitively.
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).with_name("common-passwords.txt")

# The most frequent passwords of public breach corpora and "worst passwords" lists, as they are.
FREQUENT = """
123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123
football monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael 654321
superman 1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh
hunter buster soccer harley batman andrew tigger sunshine iloveyou charlie robert thomas hockey ranger
daniel starwars klaster 112233 george computer michelle jessica pepper zxcvbn 555555 11111111 131313
freedom 777777 maggie 159753 aaaaaa ginger princess joshua cheese amanda summer ashley nicole chelsea
biteme matthew access yankees 987654321 dallas austin thunder taylor matrix william corvette hello martin
heather secret merlin diamond 1234qwer hammer silver 222222 88888888 anthony justin bailey q1w2e3r4t5
patrick internet scooter orange golfer cookie richard samantha bigdog guitar jackson whatever mickey
chicken sparky snoopy maverick phoenix camaro peanut morgan welcome falcon cowboy ferrari samsung andrea
smokey steelers joseph mercedes dakota arsenal eagles melissa boomer booboo spider nascar monster tigers
yellow xxxxxx 123123123 gateway marina diablo bulldog qwer1234 compaq purple hardcore banana junior
hannah 123654 porsche lakers iceman money cowboys 987654 london tennis 999999 ncc1701 coffee scooby
miller boston q1w2e3r4 brandon yamaha chester mother forever johnny edward 333333 oliver redsox player
nikita knight fender barney midnight please brandy chicago badboy slayer rangers charles angel flower
bigdaddy rabbit wizard jasper rachel steven winner adidas victoria natasha 1q2w3e4r jasmine winter
prince marine fishing cocacola casper james 232323 raiders 888888 marlboro gandalf asdfasdf crystal
87654321 12344321 8675309 password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword
pa55word pa55w0rd qwerty123 qwerty1234 qwerty12345 iloveyou1 iloveyou2 1q2w3e 123abc aa123456
aa12345678 abcd1234 abc12345 abc123456 1qaz2wsx3edc zaq12wsx zaq1zaq1 qwe123 qwe123qwe 123qweasd
qweasdzxc qazwsxedc qazwsxedcrfv 1qazxsw2 !qaz2wsx !qaz@wsx 1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4t5y6
admin admin123 admin1234 administrator root toor changeme changeme123 default guest user login
welcome1 welcome123 welcome2024 letmein1 letmein123 trustno1 iloveu loveme lovely babygirl
sunshine1 princess1 football1 baseball1 superman1 monkey123 dragon123 shadow123 master123 starwars1
pokemon naruto minecraft roblox fortnite liverpool chelsea1 manchester barcelona realmadrid juventus
blink182 147258369 741852963 963852741 159357 147258 1a2b3c4d a1b2c3d4 a1b2c3d4e5 zxcvbnm123
asdf1234 1234asdf zxcv1234 asdfghjk asdfghjkl asdfghjkl123 qwertyui qwertyuiop123 qwertzui qwertzuiop
qwertz qwertz123 qwertz1234 yxcvbnm yxcvbnm123 147852369 123698745 159357456 789456123 258456
1234554321 123454321 1122334455 11223344 12341234 12121212 123412341234 1234512345 0123456789
9876543210 01234567 76543210 abcdefgh abcdefghi abcdefghij abcabcabc aabbccdd qqqqqqqq wwwwwwww
zzzzzzzz asdasdasd qweqweqwe zxczxczxc 123qwe123 1qaz1qaz 2wsx3edc 3edc4rfv 1qw23e 1q2w3e4r5
superstar whatever1 trustme letmein! password! password1! qwerty! iloveyou! abc123! 123456a 123456q
a123456 q123456 123456789a a123456789 987654321a 12345678a 1234567a 12345qwert qwert12345 12345abc
passwort passwort1 passwort123 passwort1234 hallo hallo123 hallo1234 hallo12345 schatz schatzi
geheim geheim123 fussball fußball mausi mausi123 hase hasi schnucki sonnenschein blume schmetterling
engel prinzessin liebe ichliebedich schnecke sommer herbst berlin hamburg muenchen münchen koeln köln
potsdam brandenburg deutschland germany bayern dortmund borussia schalke04 werder hertha hertha123
unionberlin mama papa mama1234 papa1234 katze hund pferd baerchen bärchen teddy hexe zauberer
telekom vodafone fritzbox sparkasse volkswagen kennwort kennwort1 zugang zugang123 anmeldung
benutzer willkommen willkommen1 startstart start123 test1234 testtest test123 tester temp1234
temppass password2 password3 password01 pass1234 pass12345 mypassword mypass123 secret123 secret1
"""

# Words and names people build passwords from.
WORDS = """
password passwort pass kennwort secret geheim qwerty qwertz admin login welcome willkommen letmein
hello hallo love liebe iloveyou ichliebedich baby babygirl sweet honey sugar angel engel princess
prinzessin prince king queen star superstar sunshine sonnenschein summer sommer winter spring autumn
herbst rainbow butterfly unicorn flower blume rose lily daisy heaven blessed jesus christ faith hope
freedom forever family friends friend happy lucky magic dream dreams music guitar dancer party
football fussball soccer baseball basketball hockey tennis golf volleyball handball swimming running
dragon monkey shadow master killer hunter buster tiger tigger lion eagle shark wolf bear panther falcon
dolphin horse pferd kitty kitten katze puppy doggy hund bunny hase rabbit turtle spider snake cobra
phoenix wizard knight warrior ninja samurai pirate zombie ghost demon devil diablo monster batman
superman spiderman ironman hulk thor joker matrix starwars startrek pokemon pikachu naruto goku
minecraft roblox fortnite zelda mario sonic gamer gaming player winner champion legend hero
computer internet google facebook apple samsung nokia microsoft windows linux android iphone
system server network access master letmein trustno1 whatever nothing something anything
cheese cookie chocolate banana orange apple cherry peach lemon pepper ginger coffee pizza burger
chicken bacon candy sugar sweetie cutie pretty beautiful gorgeous sexy hottie lovely darling
red blue green black white purple yellow pink silver gold golden diamond crystal ruby pearl
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
ferrari porsche mercedes bmw audi volkswagen toyota honda yamaha harley mustang corvette camaro
jaguar ford chevy nissan
arsenal chelsea liverpool manchester united barcelona madrid juventus bayern borussia dortmund
schalke werder hertha union lakers yankees cowboys steelers eagles raiders rangers redsox
london paris berlin hamburg munich potsdam brandenburg dresden leipzig cologne frankfurt vienna
america germany deutschland england france italy spain russia poland turkey
michael jennifer jessica ashley daniel andrew joshua matthew robert thomas charlie jordan
william james john david richard joseph christopher anthony mark steven paul george kevin brian
jason justin brandon tyler ryan jacob ethan nathan samuel benjamin alexander sebastian tobias
florian lukas leon felix max maximilian jonas tim jan niklas finn luca noah elias emil oskar
stefan andreas christian markus martin peter klaus wolfgang juergen uwe frank dieter hans
thorsten sven dirk jens holger ralf bernd michaela sandra tanja daniela nadine vanessa
anna maria laura lisa lena lea sarah sara julia katharina nicole melanie stefanie claudia
monika karin ursula sabine susanne petra andrea christina jasmin jasmine natalie natascha
emma mia hannah sophia sophie emily olivia amelia charlotte mila clara ella marie luisa
amanda samantha heather melissa michelle elizabeth victoria rachel hannah nicole ashley amber
tiffany brittany chelsea danielle megan kimberly stephanie rebecca alexis courtney crystal
maggie bailey buddy rocky lucky bella daisy molly sadie chloe sophie duke bear toby jack
"""

SUFFIXES = (
    "",
    "1",
    "2",
    "7",
    "12",
    "13",
    "21",
    "22",
    "23",
    "69",
    "77",
    "88",
    "99",
    "00",
    "01",
    "007",
    "11",
    "111",
    "123",
    "1234",
    "12345",
    "123456",
    "321",
    "666",
    "777",
    "!",
    "!!",
    "1!",
    "12!",
    "123!",
    "@123",
    "#1",
    "*",
    ".",
    "123.",
    *(str(year) for year in range(1960, 2027)),
)

PREFIXES = ("", "my", "i", "ilove", "the", "mein", "1", "123")

LEET = str.maketrans({"a": "@", "o": "0", "e": "3", "i": "1", "s": "$"})
LEET_DIGITS = str.maketrans({"a": "4", "o": "0", "e": "3", "i": "1", "s": "5"})


def walks() -> set[str]:
    """Keyboard walks and digit runs of every length worth listing."""
    rows = ["1234567890", "qwertyuiop", "qwertzuiop", "asdfghjkl", "zxcvbnm", "yxcvbnm", "0987654321"]
    found: set[str] = set()
    for row in rows:
        for length in range(8, len(row) + 1):
            found.add(row[:length])
            found.add(row[:length][::-1])
            found.add(row[:length] + "1")
            found.add(row[:length] + "123")
    for digit in "0123456789":
        for length in range(8, 13):
            found.add(digit * length)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        found.add(letter * 8)
    for pair in ("12", "21", "69", "11", "13", "01", "10", "ab", "xo", "ha", "la"):
        for times in (4, 5, 6):
            found.add(pair * times)
    for triple in ("123", "321", "abc", "qwe", "asd", "zxc", "789", "456", "147", "159", "777", "111"):
        found.add(triple * 3)
        found.add(triple * 4)
    # Birthdays are endless; the ones lists show most are New Year's Day and a doubled year.
    for year in range(1950, 2027):
        found.add(f"0101{year}")
        found.add(f"{year}{year}")
        found.add(f"{year}0101")
    return found


def entries() -> set[str]:
    words = set(WORDS.split())
    found = {w.lower() for w in FREQUENT.split()} | walks()
    for word in words:
        for suffix in SUFFIXES:
            found.add(word + suffix)
        for prefix in PREFIXES[1:]:
            found.add(prefix + word)
            found.add(prefix + word + "1")
            found.add(prefix + word + "123")
        for spelled in (word.translate(LEET), word.translate(LEET_DIGITS)):
            if spelled != word:
                for suffix in ("", "1", "12", "123", "1234", "!", "1!", "2024", "2025"):
                    found.add(spelled + suffix)
        found.add(word + word)
    return {entry.lower() for entry in found if 8 <= len(entry) <= 128}


def main() -> None:
    OUT.write_text("\n".join(sorted(entries())) + "\n", encoding="utf-8")
    print(f"wrote {len(entries())} entries to {OUT}")


if __name__ == "__main__":
    main()
