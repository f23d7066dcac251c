"""The publishing calendar: month and week views of what goes out when, and its steps."""
