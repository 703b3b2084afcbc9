"""The channels: custom Rasa input channels, opened through credentials.yml
(`channels.sms.TwilioSmsInput`, `channels.webchat.WebchatInput`, `KioskInput`),
and the Rasa-free plumbing they use, unit-tested without Rasa: SMS wording
(`sms_text`), widget and kiosk sessions (`web_session`) and the conversation
rebuilt from Rasa's stored events (`transcript`)."""
