exec('if 1:\n  x\n y')
