"""What the notifications app tells the apps above it, without importing them: they connect in their
AppConfig.ready()."""

from django.dispatch import Signal

# An e-mail was handed to the mail server (keyword argument `delivery`: the EmailDelivery, with the target its
# sender gave it). Sent once per delivery by the e-mail task, after the delivery is marked sent.
email_sent = Signal()
