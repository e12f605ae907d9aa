-- Support tickets become readable by the agent that opened them: the operator's reply and when it
-- was given. Status stays open / confirmed (a bug credited) / closed (answered and closed).
ALTER TABLE support_tickets ADD COLUMN operator_reply TEXT;
ALTER TABLE support_tickets ADD COLUMN replied_at TEXT;
