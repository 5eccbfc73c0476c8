import math
math.sqr
