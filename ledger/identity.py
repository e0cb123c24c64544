"""Identifiers: unified social credit codes, resident identity numbers, account and key ids.

A key emitter or an institution is identified by its unified social credit code (统一社会信用代码,
GB 32100-2015): 18 characters whose last one is a check character. A person by a resident identity
number (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check character.
"""

from __future__ import annotations

import re

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK = "10X98765432"

# Province-level divisions (GB/T 2260 two-digit codes).
PROVINCES = {
    "11": "Beijing", "12": "Tianjin", "13": "Hebei", "14": "Shanxi", "15": "Inner Mongolia",
    "21": "Liaoning", "22": "Jilin", "23": "Heilongjiang", "31": "Shanghai", "32": "Jiangsu",
    "33": "Zhejiang", "34": "Anhui", "35": "Fujian", "36": "Jiangxi", "37": "Shandong",
    "41": "Henan", "42": "Hubei", "43": "Hunan", "44": "Guangdong", "45": "Guangxi",
    "46": "Hainan", "50": "Chongqing", "51": "Sichuan", "52": "Guizhou", "53": "Yunnan",
    "54": "Tibet", "61": "Shaanxi", "62": "Gansu", "63": "Qinghai", "64": "Ningxia",
    "65": "Xinjiang",
}

_ID_PATTERN = re.compile(r"^[A-Za-z0-9-]{1,64}$")
_ACCOUNT_PATTERN = re.compile(r"^[A-Za-z0-9.-]{1,80}$")
_PROJECT_PATTERN = re.compile(r"^[A-Za-z0-9./-]{1,64}$")
_SECTOR_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,31}$")

MINISTRY_ID = "MEE"
REGISTRY_ID = "REG"
EXCHANGE_ID = "EXCH"


def province_id(code: str) -> str:
    return f"PROV-{code}"


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def is_uscc(code: str) -> bool:
    if len(code) != 18 or any(c not in USCC_ALPHABET for c in code):  # the alphabet is ASCII
        return False
    return uscc_check_char(code[:17]) == code[17]


def resident_id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, RESIDENT_ID_WEIGHTS))
    return RESIDENT_ID_CHECK[total % 11]


def is_resident_id(number: str) -> bool:
    if len(number) != 18 or not number.isascii() or not number[:17].isdigit():
        return False
    return resident_id_check_char(number[:17]) == number[17]


def is_participant_id(value: str) -> bool:
    return bool(_ID_PATTERN.match(value))


def is_account_id(value: str) -> bool:
    return bool(_ACCOUNT_PATTERN.match(value))


def is_project_id(value: str) -> bool:
    return bool(_PROJECT_PATTERN.match(value))


def is_sector(value: str) -> bool:
    return bool(_SECTOR_PATTERN.match(value))


def holding_account_id(participant_id: str) -> str:
    return f"{participant_id}.holding"


def trading_account_id(participant_id: str) -> str:
    return f"{participant_id}.trading"


def province_account_id(code: str) -> str:
    return f"{province_id(code)}.allocation"


ISSUANCE_ACCOUNT = f"{MINISTRY_ID}.issuance"
RESERVE_ACCOUNT = f"{MINISTRY_ID}.reserve"
AUCTION_ACCOUNT = f"{MINISTRY_ID}.auction"
