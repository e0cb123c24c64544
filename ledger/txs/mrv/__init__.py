"""MRV kinds (arts. 5, 24-29, 42-44): the key-emitter list, monitoring plans, emission reports,
verification and appeals, obligations and fines. TxBody fields 100-199."""
