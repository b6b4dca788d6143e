"""Key-technology list pages; mounted at /techlist/ by hzdigital.urls."""

from django.urls import path

from hzdigital.techlist import excel_views, views

app_name = "techlist"

urlpatterns = [
    path("", views.tech_list, name="list"),
    path("<int:year>/", views.tech_list, name="year"),
    path("items/<int:item_id>/", views.tech_item, name="item"),
    path("items.xlsx", excel_views.export_items, name="export"),
]
