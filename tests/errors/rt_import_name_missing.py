from errmods.helpers import nothing_here
