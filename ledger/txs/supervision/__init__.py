"""Supervision kinds (arts. 4, 32-49): delegations, measures, credit records and reports. TxBody fields 300-399."""
