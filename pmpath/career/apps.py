from django.apps import AppConfig


class CareerConfig(AppConfig):
    name = "pmpath.career"
    label = "career"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from pmpath.career import demo, seed  # noqa: F401  (register the seed and demo loaders)
        from pmpath.career.models import Background, Behaviour, Competency, Guide, Level

        # An admin's edit to the knowledge base shows at once in this process.
        for model in (Background, Behaviour, Competency, Guide, Level):
            post_save.connect(
                _forget_knowledge, sender=model, dispatch_uid=f"memo-{model.__name__}"
            )
            post_delete.connect(
                _forget_knowledge, sender=model, dispatch_uid=f"memo-del-{model.__name__}"
            )


def _forget_knowledge(**kwargs: object) -> None:
    from pmpath.core.memo import knowledge

    knowledge.clear()
