"""Every bound of the ledger, named with the unit last.

The rulebook holds the market's parameters (which an authority may change); these are the
system's own limits, equal on every node and part of the protocol version.
"""

signed_tx_bytes_max = 16 * 1024
tx_signature_count_max = 4
block_tx_count_max = 10_000
id_chars_max = 64
client_id_chars_max = 64
name_chars_max = 200
text_chars_max = 500
register_key_count_max = 4
participant_key_count_max = 16
allocation_entry_count_max = 1_000
surrender_item_count_max = 100
batch_tx_count_max = 1_000
page_size_max = 1_000
page_size_default = 100
# Records a listing reads for one page at most, however few its filter keeps.
page_scan_max = 10_000
# Vintages are calendar years: no rulebook admits one outside 1..vintage_year_max.
vintage_year_max = 9999
# No unit's supply (a vintage's cap, a CCER project-vintage's recorded total) may pass this, so
# that every balance and counter, each at most a unit's supply, stays far inside int64.
unit_supply_max = 10**15
# A rulebook version may be scheduled at most this far ahead of its block (a mistyped far-future
# time would otherwise bar every later version for good: versions are never edited).
rulebook_lead_ms_max = 5 * 366 * 86_400_000
# Rulebook versions a chain may ever schedule: every block reads them to find the one in force.
rulebook_version_count_max = 1_000
# Account protections (EU Union Registry): entries on one account's trusted list, transfers of one
# account held at once, and the longest delay a rulebook may set (a mistyped year would freeze
# every untrusted transfer for it).
trusted_account_count_max = 100
held_transfer_count_max = 1_000
protection_delay_ms_max = 31 * 86_400_000
# Supervision (arts. 4, 32-36): delegations one city may ever receive (a city's act reads them
# all to find one in force), the emitters and districts one delegation names, how long it may
# run, and the emitters one oversight finding names.
city_delegation_count_max = 100
delegation_emitter_count_max = 500
delegation_district_count_max = 100
delegation_duration_ms_max = 5 * 366 * 86_400_000
finding_emitter_count_max = 100
# A supervision query's credential stays valid at most this many blocks ahead of the head when the
# rulebook says 0 (Rulebook.query_auth_window_blocks).
query_auth_window_blocks_default = 100
query_auth_window_blocks_max = 100_000
# Enforcement (arts. 45-49): measures with an effect recorded against one participant at once (each
# is read by every check of its operations), and the fines and measures one joint punishment notice cites.
restriction_count_max = 32
notice_reference_count_max = 32
