import math
math.tau
math.nope
