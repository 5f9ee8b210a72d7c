"""Reading what is untrusted within limits: regular files only, YAML that cannot explode.

Below every other layer but ``paths``: documents (articles) and config (the user's settings)
both read through it.
"""
