"""Registry kinds (arts. 5-15, 30-31): participants and keys, caps and issuance, the reserve,
allocation, transfers, surrender, cancellation, CCERs and the rulebook. TxBody fields 10-99."""
