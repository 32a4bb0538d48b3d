"""PLOVER event coding: triggers, classifiers, arguments, modality, quotes.

Public API::

    event_stage(doc)          # pipeline component "events": doc.events and doc.quotes
    quote_stage(doc)          # pipeline component "quotes": doc.quotes only
    event_to_contract(event)  # CONTRACT.md event object
    quote_to_contract(quote)  # CONTRACT.md quote object
"""
from ..contract import event_obj as event_to_contract, quote_obj as quote_to_contract
from .stage import CodedEvent, code_document, event_stage, quote_stage

__all__ = ["CodedEvent", "code_document", "event_stage", "event_to_contract", "quote_stage", "quote_to_contract"]
