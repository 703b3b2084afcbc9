"""Custom Rasa input channels, opened through credentials.yml (`channels.sms.TwilioSmsInput`)."""
