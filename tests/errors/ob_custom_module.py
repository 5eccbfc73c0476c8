from ob_helpers import errmod
errmod.explode()
